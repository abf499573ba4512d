using System.Security.Claims;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Members;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features;

/// <summary>Arrange and assert helpers shared by the member, invitation and switcher tests.</summary>
internal static class MemberTestExtensions
{
    public static readonly Uri BaseUrl = new("https://app.test/");

    public static string NewEmail(string tag) => $"{tag}-{Guid.NewGuid():N}@members.example";

    public static async Task<TestMember> AddNewMemberAsync(this WebAppFixture app, Guid organizationId, string tag, OrganizationRole role)
    {
        var member = await app.CreateUserAsync(NewEmail(tag));
        await app.AddMemberAsync(organizationId, member, role);
        return member;
    }

    public static async Task<T> AsAsync<T>(this WebAppFixture app, TestMember member, Func<MemberService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<MemberService>());
    }

    public static async Task AsAsync(this WebAppFixture app, TestMember member, Func<MemberService, Task> action)
    {
        await using var scope = app.ScopeFor(member);
        await action(scope.ServiceProvider.GetRequiredService<MemberService>());
    }

    public static Task<InvitationSent> InviteAsync(this WebAppFixture app, TestMember inviter, string email, OrganizationRole role) =>
        app.AsAsync(inviter, s => s.InviteAsync(email, role, BaseUrl, CancellationToken.None));

    public static string TokenOf(InvitationSent sent)
    {
        const string marker = "token=";
        var query = sent.AcceptUrl.Query;
        return Uri.UnescapeDataString(query[(query.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]);
    }

    public static async Task<T> WithDbAsync<T>(this WebAppFixture app, Guid? organizationId, Func<AppDbContext, Task<T>> query)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            return await query(db);
        }
    }

    public static Task<Membership?> MembershipAsync(this WebAppFixture app, Guid organizationId, TestMember member) =>
        app.WithDbAsync(organizationId, db => db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == member.UserId));

    public static async Task<Guid> MembershipIdAsync(this WebAppFixture app, Guid organizationId, TestMember member) =>
        (await app.MembershipAsync(organizationId, member))?.Id ?? throw new InvalidOperationException($"{member.Email} is not a member.");

    public static Task<Invitation> InvitationAsync(this WebAppFixture app, Guid organizationId, Guid invitationId) =>
        app.WithDbAsync(organizationId, db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId));

    public static Task<List<string>> AuditActionsAsync(this WebAppFixture app, Guid organizationId) =>
        app.WithDbAsync(organizationId, db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    public static Task<string?> SecurityStampAsync(this WebAppFixture app, TestMember member) =>
        app.WithDbAsync(null, db => db.Users.Where(u => u.Id == member.UserId).Select(u => u.SecurityStamp).SingleAsync());

    public static async Task<MemberContext> RequireAsync(this WebAppFixture app, TestMember member, Capability capability)
    {
        await using var scope = app.ScopeFor(member);
        return await scope.ServiceProvider.GetRequiredService<CurrentMember>().RequireAsync(capability, CancellationToken.None);
    }

    public static ClaimsPrincipal Principal(TestMember member) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, member.UserId), new Claim(ClaimTypes.Name, member.Email)], "Test"));
}
