using System.Security.Cryptography;
using System.Text;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using static ComplianceLayer.Tests.Web.Features.MemberTestExtensions;

namespace ComplianceLayer.Tests.Web.Features;

[Trait("Category", "Integration")]
public sealed class MemberServiceTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    public enum MemberAction
    {
        Invite,
        Revoke,
        ChangeRole,
        Remove,
    }

    private sealed record Org(TestMember Owner, TestMember Actor, TestMember Target, Guid TargetMembershipId, Guid InvitationId);

    /// <summary>An organization with its Owner, an actor with <paramref name="actorRole"/>, a Technician and an open Technician invitation.</summary>
    private async Task<Org> ArrangeAsync(OrganizationRole actorRole)
    {
        var owner = await app.CreateUserAsync(NewEmail("owner"), "Org " + actorRole);
        var actor = await app.AddNewMemberAsync(owner.Org, "actor", actorRole);
        var target = await app.AddNewMemberAsync(owner.Org, "target", OrganizationRole.Technician);
        var invitation = await app.InviteAsync(owner, NewEmail("invitee"), OrganizationRole.Technician);
        return new Org(owner, actor, target, await app.MembershipIdAsync(owner.Org, target), invitation.InvitationId);
    }

    public static TheoryData<OrganizationRole, MemberAction, bool> RoleTable => new()
    {
        { OrganizationRole.Viewer, MemberAction.Invite, false },
        { OrganizationRole.Viewer, MemberAction.Revoke, false },
        { OrganizationRole.Viewer, MemberAction.ChangeRole, false },
        { OrganizationRole.Viewer, MemberAction.Remove, false },
        { OrganizationRole.Technician, MemberAction.Invite, false },
        { OrganizationRole.Technician, MemberAction.Revoke, false },
        { OrganizationRole.Technician, MemberAction.ChangeRole, false },
        { OrganizationRole.Technician, MemberAction.Remove, false },
        { OrganizationRole.Admin, MemberAction.Invite, true },
        { OrganizationRole.Admin, MemberAction.Revoke, true },
        { OrganizationRole.Admin, MemberAction.ChangeRole, true },
        { OrganizationRole.Admin, MemberAction.Remove, true },
        { OrganizationRole.Owner, MemberAction.Invite, true },
        { OrganizationRole.Owner, MemberAction.Revoke, true },
        { OrganizationRole.Owner, MemberAction.ChangeRole, true },
        { OrganizationRole.Owner, MemberAction.Remove, true },
    };

    [Theory]
    [MemberData(nameof(RoleTable))]
    public async Task MemberAction_ByRole_IsEnforced(OrganizationRole role, MemberAction action, bool allowed)
    {
        var org = await ArrangeAsync(role);
        var newEmail = NewEmail("new");
        Func<Task> act = action switch
        {
            MemberAction.Invite => () => app.InviteAsync(org.Actor, newEmail, OrganizationRole.Viewer),
            MemberAction.Revoke => () => app.AsAsync(org.Actor, s => s.RevokeInvitationAsync(org.InvitationId, CancellationToken.None)),
            MemberAction.ChangeRole => () => app.AsAsync(org.Actor, s => s.ChangeRoleAsync(org.TargetMembershipId, OrganizationRole.Viewer, CancellationToken.None)),
            MemberAction.Remove => () => app.AsAsync(org.Actor, s => s.RemoveMemberAsync(org.TargetMembershipId, CancellationToken.None)),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        if (allowed)
        {
            await act();
        }
        else
        {
            await Assert.ThrowsAsync<AccessDeniedException>(act);
        }

        var invited = await app.WithDbAsync(org.Owner.Org, db => db.Invitations.AnyAsync(i => i.Email == newEmail));
        var invitation = await app.InvitationAsync(org.Owner.Org, org.InvitationId);
        var target = await app.MembershipAsync(org.Owner.Org, org.Target);
        switch (action)
        {
            case MemberAction.Invite:
                Assert.Equal(allowed, invited);
                break;
            case MemberAction.Revoke:
                Assert.Equal(allowed, invitation.RevokedAt is not null);
                break;
            case MemberAction.ChangeRole:
                Assert.Equal(allowed ? OrganizationRole.Viewer : OrganizationRole.Technician, target?.Role);
                break;
            case MemberAction.Remove:
                Assert.Equal(allowed, target is null);
                break;
        }
    }

    [Fact]
    public async Task Invite_AdminInvitesOwner_IsDenied()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var email = NewEmail("would-be-owner");
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.InviteAsync(org.Actor, email, OrganizationRole.Owner));
        Assert.False(await app.WithDbAsync(org.Owner.Org, db => db.Invitations.AnyAsync(i => i.Email == email)));
    }

    [Fact]
    public async Task ChangeRole_AdminPromotesToOwner_IsDenied()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.AsAsync(org.Actor,
            s => s.ChangeRoleAsync(org.TargetMembershipId, OrganizationRole.Owner, CancellationToken.None)));
        Assert.Equal(OrganizationRole.Technician, (await app.MembershipAsync(org.Owner.Org, org.Target))!.Role);
    }

    [Fact]
    public async Task ChangeRole_AdminPromotesSelfToOwner_IsDenied()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var own = await app.MembershipIdAsync(org.Owner.Org, org.Actor);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.AsAsync(org.Actor,
            s => s.ChangeRoleAsync(own, OrganizationRole.Owner, CancellationToken.None)));
        Assert.Equal(OrganizationRole.Admin, (await app.MembershipAsync(org.Owner.Org, org.Actor))!.Role);
    }

    [Fact]
    public async Task ChangeRole_AdminDemotesOwner_IsDenied()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var ownerMembership = await app.MembershipIdAsync(org.Owner.Org, org.Owner);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.AsAsync(org.Actor,
            s => s.ChangeRoleAsync(ownerMembership, OrganizationRole.Viewer, CancellationToken.None)));
        Assert.Equal(OrganizationRole.Owner, (await app.MembershipAsync(org.Owner.Org, org.Owner))!.Role);
    }

    [Fact]
    public async Task Remove_AdminRemovesOwner_IsDenied()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var secondOwner = await app.AddNewMemberAsync(org.Owner.Org, "owner2", OrganizationRole.Owner);
        var id = await app.MembershipIdAsync(org.Owner.Org, secondOwner);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.AsAsync(org.Actor, s => s.RemoveMemberAsync(id, CancellationToken.None)));
        Assert.NotNull(await app.MembershipAsync(org.Owner.Org, secondOwner));
    }

    [Fact]
    public async Task Revoke_AdminRevokesOwnerInvitation_IsDenied()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var ownerInvitation = await app.InviteAsync(org.Owner, NewEmail("co-owner"), OrganizationRole.Owner);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.AsAsync(org.Actor,
            s => s.RevokeInvitationAsync(ownerInvitation.InvitationId, CancellationToken.None)));
        Assert.Null((await app.InvitationAsync(org.Owner.Org, ownerInvitation.InvitationId)).RevokedAt);
    }

    [Fact]
    public async Task ChangeRole_OwnerPromotesToOwner_Succeeds()
    {
        var org = await ArrangeAsync(OrganizationRole.Viewer);
        await app.AsAsync(org.Owner, s => s.ChangeRoleAsync(org.TargetMembershipId, OrganizationRole.Owner, CancellationToken.None));
        Assert.Equal(OrganizationRole.Owner, (await app.MembershipAsync(org.Owner.Org, org.Target))!.Role);
    }

    [Fact]
    public async Task ChangeRole_LastOwnerDemotesSelf_IsRefused()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var ownerMembership = await app.MembershipIdAsync(org.Owner.Org, org.Owner);
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsAsync(org.Owner,
            s => s.ChangeRoleAsync(ownerMembership, OrganizationRole.Admin, CancellationToken.None)));
        Assert.Contains("at least one Owner", ex.Message, StringComparison.Ordinal);
        Assert.Equal(OrganizationRole.Owner, (await app.MembershipAsync(org.Owner.Org, org.Owner))!.Role);
    }

    [Fact]
    public async Task Remove_LastOwnerLeaves_IsRefused()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsAsync(org.Owner, s => s.LeaveAsync(CancellationToken.None)));
        Assert.NotNull(await app.MembershipAsync(org.Owner.Org, org.Owner));
    }

    [Fact]
    public async Task ChangeRole_OneOfTwoOwners_CanBeDemoted_ThenTheOtherIsLast()
    {
        var org = await ArrangeAsync(OrganizationRole.Owner);
        var ownerMembership = await app.MembershipIdAsync(org.Owner.Org, org.Owner);
        var actorMembership = await app.MembershipIdAsync(org.Owner.Org, org.Actor);
        await app.AsAsync(org.Actor, s => s.ChangeRoleAsync(ownerMembership, OrganizationRole.Admin, CancellationToken.None));
        Assert.Equal(OrganizationRole.Admin, (await app.MembershipAsync(org.Owner.Org, org.Owner))!.Role);
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsAsync(org.Actor,
            s => s.ChangeRoleAsync(actorMembership, OrganizationRole.Viewer, CancellationToken.None)));
    }

    [Fact]
    public async Task Remove_ViewerLeaves_RemovesOwnMembership()
    {
        var org = await ArrangeAsync(OrganizationRole.Viewer);
        await app.AsAsync(org.Actor, s => s.LeaveAsync(CancellationToken.None));
        Assert.Null(await app.MembershipAsync(org.Owner.Org, org.Actor));
        Assert.Contains("member.left", await app.AuditActionsAsync(org.Owner.Org));
    }

    [Fact]
    public async Task Remove_RemovedMember_NextRequireAsyncFails()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        Assert.Equal(org.Owner.Org, (await app.RequireAsync(org.Target, Capability.ViewData)).OrganizationId);
        await app.AsAsync(org.Actor, s => s.RemoveMemberAsync(org.TargetMembershipId, CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.RequireAsync(org.Target, Capability.ViewData));
    }

    [Fact]
    public async Task ChangeRoleAndRemove_RenewTheMembersSecurityStamp()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var before = await app.SecurityStampAsync(org.Target);
        await app.AsAsync(org.Actor, s => s.ChangeRoleAsync(org.TargetMembershipId, OrganizationRole.Viewer, CancellationToken.None));
        var afterChange = await app.SecurityStampAsync(org.Target);
        Assert.NotEqual(before, afterChange);
        await app.AsAsync(org.Actor, s => s.RemoveMemberAsync(org.TargetMembershipId, CancellationToken.None));
        Assert.NotEqual(afterChange, await app.SecurityStampAsync(org.Target));
    }

    [Fact]
    public async Task EveryAction_WritesAnAuditEvent()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var sent = await app.InviteAsync(org.Actor, NewEmail("audited"), OrganizationRole.Viewer);
        await app.AsAsync(org.Actor, s => s.RevokeInvitationAsync(sent.InvitationId, CancellationToken.None));
        await app.AsAsync(org.Actor, s => s.ChangeRoleAsync(org.TargetMembershipId, OrganizationRole.Viewer, CancellationToken.None));
        await app.AsAsync(org.Actor, s => s.RemoveMemberAsync(org.TargetMembershipId, CancellationToken.None));
        var actions = await app.AuditActionsAsync(org.Owner.Org);
        Assert.Equal(["member.invited", "invitation.revoked", "member.role_changed", "member.removed"], actions.TakeLast(4));
    }

    [Fact]
    public async Task Invite_StoresOnlyTheSha256OfTheToken()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var sent = await app.InviteAsync(org.Actor, NewEmail("hashed"), OrganizationRole.Viewer);
        var token = TokenOf(sent);
        Assert.Equal(43, token.Length); // 32 bytes, URL-safe Base64 without padding
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.Equal("https://app.test/invitations/accept", sent.AcceptUrl.GetLeftPart(UriPartial.Path));

        var invitation = await app.InvitationAsync(org.Owner.Org, sent.InvitationId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), invitation.TokenHash);
        var rowsWithToken = await app.WithDbAsync(null, db => db.Database
            .SqlQuery<int>($"""SELECT ((SELECT count(*) FROM invitations i WHERE position({token} in i::text) > 0) + (SELECT count(*) FROM audit_events a WHERE position({token} in a::text) > 0))::int AS "Value" """)
            .SingleAsync());
        Assert.Equal(0, rowsWithToken);
    }

    [Fact]
    public async Task Invite_ExpiresAfterSevenDays_AndStoresLowerCaseEmail()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var email = NewEmail("Mixed.Case");
        var sent = await app.InviteAsync(org.Actor, "  " + email.ToUpperInvariant() + " ", OrganizationRole.Technician);
        var invitation = await app.InvitationAsync(org.Owner.Org, sent.InvitationId);
        Assert.Equal(email.ToLowerInvariant(), invitation.Email);
        Assert.Equal(OrganizationRole.Technician, invitation.Role);
        Assert.Equal(org.Actor.UserId, invitation.InvitedByUserId);
        Assert.Equal(TimeSpan.FromDays(7), invitation.ExpiresAt - invitation.CreatedAt);
        Assert.InRange(invitation.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("Someone <someone@example.com>")]
    [InlineData("two@@example.com")]
    public async Task Invite_InvalidEmail_IsRejected(string email)
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.InviteAsync(org.Actor, email, OrganizationRole.Viewer));
    }

    [Fact]
    public async Task Invite_ExistingMember_IsRejectedWithClearError()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(
            () => app.InviteAsync(org.Actor, org.Target.Email.ToUpperInvariant(), OrganizationRole.Viewer));
        Assert.Contains("already a member", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_SameEmailAgain_RevokesTheOpenInvitation()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var email = NewEmail("twice");
        var first = await app.InviteAsync(org.Actor, email, OrganizationRole.Viewer);
        var second = await app.InviteAsync(org.Actor, email, OrganizationRole.Technician);
        Assert.NotNull((await app.InvitationAsync(org.Owner.Org, first.InvitationId)).RevokedAt);
        Assert.Null((await app.InvitationAsync(org.Owner.Org, second.InvitationId)).RevokedAt);
        var overview = await app.AsAsync(org.Actor, s => s.GetOverviewAsync(CancellationToken.None));
        var open = Assert.Single(overview.Invitations, i => i.Email == email);
        Assert.Equal(OrganizationRole.Technician, open.Role);
    }

    [Fact]
    public async Task Revoke_AlreadyRevoked_IsRejected()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        await app.AsAsync(org.Actor, s => s.RevokeInvitationAsync(org.InvitationId, CancellationToken.None));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsAsync(org.Actor,
            s => s.RevokeInvitationAsync(org.InvitationId, CancellationToken.None)));
    }

    [Fact]
    public async Task GetOverview_ListsMembersWithEmailAndRole_AndOpenInvitations()
    {
        var org = await ArrangeAsync(OrganizationRole.Admin);
        var overview = await app.AsAsync(org.Actor, s => s.GetOverviewAsync(CancellationToken.None));
        Assert.Equal(org.Owner.Org, overview.Actor.OrganizationId);
        Assert.Equal([org.Owner.Email, org.Actor.Email, org.Target.Email], overview.Members.Select(m => m.Email));
        Assert.Equal([OrganizationRole.Owner, OrganizationRole.Admin, OrganizationRole.Technician], overview.Members.Select(m => m.Role));
        Assert.Equal(org.InvitationId, Assert.Single(overview.Invitations).InvitationId);
        Assert.Equal([OrganizationRole.Viewer, OrganizationRole.Technician, OrganizationRole.Admin], overview.AssignableRoles(null));
    }

    [Fact]
    public async Task GetOverview_Technician_IsDenied()
    {
        var org = await ArrangeAsync(OrganizationRole.Technician);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.AsAsync(org.Actor, s => s.GetOverviewAsync(CancellationToken.None)));
    }

    // Tenant isolation: an Admin of organization B against organization A.

    private async Task<(Org A, TestMember AdminOfB)> ArrangeTwoOrganizationsAsync()
    {
        var a = await ArrangeAsync(OrganizationRole.Viewer);
        var ownerOfB = await app.CreateUserAsync(NewEmail("owner-b"), "Org B");
        var adminOfB = await app.AddNewMemberAsync(ownerOfB.Org, "admin-b", OrganizationRole.Admin);
        return (a, adminOfB);
    }

    [Fact]
    public async Task Isolation_AdminOfOtherOrganization_ListsOnlyOwnMembers()
    {
        var (a, adminOfB) = await ArrangeTwoOrganizationsAsync();
        var overview = await app.AsAsync(adminOfB, s => s.GetOverviewAsync(CancellationToken.None));
        Assert.DoesNotContain(overview.Members, m => m.UserId == a.Owner.UserId || m.UserId == a.Target.UserId);
        Assert.DoesNotContain(overview.Invitations, i => i.InvitationId == a.InvitationId);
        Assert.Equal(2, overview.Members.Count);
    }

    [Fact]
    public async Task Isolation_AdminOfOtherOrganization_CannotChangeRole()
    {
        var (a, adminOfB) = await ArrangeTwoOrganizationsAsync();
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsAsync(adminOfB,
            s => s.ChangeRoleAsync(a.TargetMembershipId, OrganizationRole.Viewer, CancellationToken.None)));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Equal(OrganizationRole.Technician, (await app.MembershipAsync(a.Owner.Org, a.Target))!.Role);
    }

    [Fact]
    public async Task Isolation_AdminOfOtherOrganization_CannotRemoveMember()
    {
        var (a, adminOfB) = await ArrangeTwoOrganizationsAsync();
        var ownerOfA = await app.MembershipIdAsync(a.Owner.Org, a.Owner);
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsAsync(adminOfB,
            s => s.RemoveMemberAsync(a.TargetMembershipId, CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsAsync(adminOfB,
            s => s.RemoveMemberAsync(ownerOfA, CancellationToken.None)));
        Assert.NotNull(await app.MembershipAsync(a.Owner.Org, a.Target));
        Assert.NotNull(await app.MembershipAsync(a.Owner.Org, a.Owner));
    }

    [Fact]
    public async Task Isolation_AdminOfOtherOrganization_CannotRevokeInvitation()
    {
        var (a, adminOfB) = await ArrangeTwoOrganizationsAsync();
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsAsync(adminOfB,
            s => s.RevokeInvitationAsync(a.InvitationId, CancellationToken.None)));
        Assert.Null((await app.InvitationAsync(a.Owner.Org, a.InvitationId)).RevokedAt);
    }
}
