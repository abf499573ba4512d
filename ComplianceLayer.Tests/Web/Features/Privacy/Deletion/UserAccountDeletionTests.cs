using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Privacy.Deletion;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Privacy.Deletion;

[Trait("Category", "Integration")]
public sealed class UserAccountDeletionTests(PrivacyAppFixture app) : IClassFixture<PrivacyAppFixture>
{
    private UserAccountDeletion Deletion => app.Services.GetRequiredService<UserAccountDeletion>();

    [Fact]
    public async Task DeleteAsync_LastOwner_RefusedWithExplanation()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("last-owner"), "Only Owner Org");
        await app.AddNewMemberAsync(owner.Org, "admin", OrganizationRole.Admin);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Deletion.DeleteAsync(owner.UserId, PrivacyTestData.Password, CancellationToken.None));

        Assert.Contains("only Owner of Only Owner Org", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Make another member Owner", refused.Message, StringComparison.Ordinal);
        Assert.True(await app.UserExistsAsync(owner));
        Assert.NotNull(await app.MembershipAsync(owner.Org, owner));
        Assert.Equal(["Only Owner Org"], await Deletion.BlockingOrganizationsAsync(owner.UserId, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_WrongPassword_Refused()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("owner"), "Password Org");
        var member = await app.AddNewMemberAsync(owner.Org, "tech", OrganizationRole.Technician);

        await Assert.ThrowsAsync<ValidationFailedException>(() => Deletion.DeleteAsync(member.UserId, "Wrong-Password-1!", CancellationToken.None));

        Assert.True(await app.UserExistsAsync(member));
    }

    [Fact]
    public async Task DeleteAsync_MemberOfTwoOrganizations_RemovesUserAndMemberships_AuditsEach()
    {
        var first = await app.CreateUserAsync(MemberTestExtensions.NewEmail("owner1"), "First Org");
        var second = await app.CreateUserAsync(MemberTestExtensions.NewEmail("owner2"), "Second Org");
        var member = await app.AddNewMemberAsync(first.Org, "tech", OrganizationRole.Technician);
        await app.AddMemberAsync(second.Org, member, OrganizationRole.Owner);   // not the last Owner there
        await app.AddMemberAsync(second.Org, first, OrganizationRole.Viewer);

        await Deletion.DeleteAsync(member.UserId, PrivacyTestData.Password, CancellationToken.None);

        Assert.False(await app.UserExistsAsync(member));
        Assert.Null(await app.MembershipAsync(first.Org, member));
        Assert.Null(await app.MembershipAsync(second.Org, member));
        var firstAudit = Assert.Single(await app.AuditEventsAsync(first.Org, "member.account_deleted"));
        Assert.Equal(member.UserId, firstAudit.EntityId);
        Assert.DoesNotContain(member.Email, firstAudit.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await app.AuditEventsAsync(second.Org, "member.account_deleted"));
        Assert.True(await app.UserExistsAsync(first));
        Assert.NotNull(await app.MembershipAsync(second.Org, first));
    }
}
