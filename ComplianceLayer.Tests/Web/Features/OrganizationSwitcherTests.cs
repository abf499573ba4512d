using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Organizations;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ComplianceLayer.Tests.Web.Features.MemberTestExtensions;

namespace ComplianceLayer.Tests.Web.Features;

[Trait("Category", "Integration")]
public sealed class OrganizationSwitcherTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<T> AsAsync<T>(TestMember member, Func<OrganizationSwitcher, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<OrganizationSwitcher>());
    }

    private async Task SwitchAsync(TestMember member, Guid organizationId)
    {
        await using var scope = app.ScopeFor(member);
        await scope.ServiceProvider.GetRequiredService<OrganizationSwitcher>().SwitchAsync(organizationId, CancellationToken.None);
    }

    private Task<Guid?> StoredCurrentAsync(TestMember member) =>
        app.WithDbAsync(null, db => db.Users.Where(u => u.Id == member.UserId).Select(u => u.CurrentOrganizationId).SingleAsync());

    [Fact]
    public async Task Switch_BetweenTwoOrganizations_NextResolutionUsesTheNewOne()
    {
        var user = await app.CreateUserAsync(NewEmail("multi"), "First Org");
        var owner = await app.CreateUserAsync(NewEmail("owner"), "Second Org");
        await app.AddMemberAsync(owner.Org, user, OrganizationRole.Viewer);
        Assert.Equal(user.Org, (await app.RequireAsync(user, Capability.ViewData)).OrganizationId);

        await SwitchAsync(user, owner.Org);
        var second = await app.RequireAsync(user, Capability.ViewData);
        Assert.Equal(owner.Org, second.OrganizationId);
        Assert.Equal(OrganizationRole.Viewer, second.Role);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.RequireAsync(user, Capability.ManageMembers));

        await SwitchAsync(user, user.Org);
        var first = await app.RequireAsync(user, Capability.ManageMembers);
        Assert.Equal(user.Org, first.OrganizationId);
        Assert.Equal(OrganizationRole.Owner, first.Role);
    }

    [Fact]
    public async Task List_ReturnsTheUsersOrganizations_WithTheCurrentOne()
    {
        var user = await app.CreateUserAsync(NewEmail("lister"), "Alpha Org");
        var owner = await app.CreateUserAsync(NewEmail("owner"), "Beta Org");
        await app.AddMemberAsync(owner.Org, user, OrganizationRole.Technician);
        var stranger = await app.CreateUserAsync(NewEmail("stranger"), "Gamma Org");

        var menu = await AsAsync(user, s => s.ListAsync(CancellationToken.None));

        Assert.Equal([user.Org, owner.Org], menu.Organizations.Select(o => o.OrganizationId));
        Assert.Equal([OrganizationRole.Owner, OrganizationRole.Technician], menu.Organizations.Select(o => o.Role));
        Assert.DoesNotContain(menu.Organizations, o => o.OrganizationId == stranger.Org);
        Assert.Equal(user.Org, menu.CurrentOrganizationId);

        await SwitchAsync(user, owner.Org);
        Assert.Equal(owner.Org, (await AsAsync(user, s => s.ListAsync(CancellationToken.None))).CurrentOrganizationId);
    }

    [Fact]
    public async Task Switch_ToAnOrganizationTheUserIsNotIn_IsDenied()
    {
        var organizationA = await app.CreateUserAsync(NewEmail("owner-a"), "Org A");
        var ownerOfB = await app.CreateUserAsync(NewEmail("owner-b"), "Org B");
        var adminOfB = await app.AddNewMemberAsync(ownerOfB.Org, "admin-b", OrganizationRole.Admin);

        await Assert.ThrowsAsync<AccessDeniedException>(() => SwitchAsync(adminOfB, organizationA.Org));

        Assert.Equal(ownerOfB.Org, await StoredCurrentAsync(adminOfB));
        Assert.Equal(ownerOfB.Org, (await app.RequireAsync(adminOfB, Capability.ViewData)).OrganizationId);
    }
}
