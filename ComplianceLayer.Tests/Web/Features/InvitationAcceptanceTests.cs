using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Members;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ComplianceLayer.Tests.Web.Features.MemberTestExtensions;

namespace ComplianceLayer.Tests.Web.Features;

[Trait("Category", "Integration")]
public sealed class InvitationAcceptanceTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<(TestMember Owner, TestMember Invitee, InvitationSent Sent)> ArrangeAsync(
        OrganizationRole role = OrganizationRole.Technician, string? inviteeOrganization = null)
    {
        var owner = await app.CreateUserAsync(NewEmail("owner"), "Inviting Org");
        var invitee = await app.CreateUserAsync(NewEmail("invitee"), inviteeOrganization);
        var sent = await app.InviteAsync(owner, invitee.Email, role);
        return (owner, invitee, sent);
    }

    private async Task<AcceptedInvitation> AcceptAsync(TestMember user, string token)
    {
        await using var scope = app.ScopeFor(user);
        return await scope.ServiceProvider.GetRequiredService<InvitationAcceptance>()
            .AcceptAsync(token, Principal(user), CancellationToken.None);
    }

    private async Task<InvitationPreview> PreviewAsync(TestMember user, string token)
    {
        await using var scope = app.ScopeFor(user);
        return await scope.ServiceProvider.GetRequiredService<InvitationAcceptance>()
            .PreviewAsync(token, Principal(user), CancellationToken.None);
    }

    [Fact]
    public async Task Accept_InvitedUser_CreatesMembershipWithRole_AuditsAndSwitchesOrganization()
    {
        var (owner, invitee, sent) = await ArrangeAsync(OrganizationRole.Technician, inviteeOrganization: "Invitee's own org");

        var accepted = await AcceptAsync(invitee, TokenOf(sent));

        Assert.Equal(owner.Org, accepted.OrganizationId);
        Assert.Equal("Inviting Org", accepted.OrganizationName);
        var membership = await app.MembershipAsync(owner.Org, invitee);
        Assert.Equal(OrganizationRole.Technician, membership?.Role);
        Assert.NotNull((await app.InvitationAsync(owner.Org, sent.InvitationId)).AcceptedAt);
        Assert.Contains("invitation.accepted", await app.AuditActionsAsync(owner.Org));
        var current = await app.RequireAsync(invitee, Capability.ManageDomains);
        Assert.Equal(owner.Org, current.OrganizationId);
        Assert.Equal(OrganizationRole.Technician, current.Role);
        // The invitee's own organization is untouched.
        Assert.Equal(OrganizationRole.Owner, (await app.MembershipAsync(invitee.Org, invitee))?.Role);
    }

    [Fact]
    public async Task Accept_InAScopeAlreadyBoundToTheUsersOrganization_Works()
    {
        var (owner, invitee, sent) = await ArrangeAsync(inviteeOrganization: "Bound org");
        await using var scope = app.ScopeFor(invitee);
        await scope.ServiceProvider.GetRequiredService<CurrentMember>().RequireAsync(Capability.ViewData, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<InvitationAcceptance>()
            .AcceptAsync(TokenOf(sent), Principal(invitee), CancellationToken.None);
        Assert.NotNull(await app.MembershipAsync(owner.Org, invitee));
    }

    [Fact]
    public async Task Accept_EmailInOtherCase_IsAccepted()
    {
        var owner = await app.CreateUserAsync(NewEmail("owner"), "Case Org");
        var invitee = await app.CreateUserAsync(NewEmail("CamelCase"));
        var sent = await app.InviteAsync(owner, invitee.Email.ToUpperInvariant(), OrganizationRole.Viewer);
        await AcceptAsync(invitee, TokenOf(sent));
        Assert.Equal(OrganizationRole.Viewer, (await app.MembershipAsync(owner.Org, invitee))?.Role);
    }

    [Fact]
    public async Task Accept_UsedToken_IsRejected()
    {
        var (_, invitee, sent) = await ArrangeAsync();
        await AcceptAsync(invitee, TokenOf(sent));
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => AcceptAsync(invitee, TokenOf(sent)));
        Assert.Contains("already been used", ex.Message, StringComparison.Ordinal);
        Assert.Equal(InvitationState.Accepted, (await PreviewAsync(invitee, TokenOf(sent))).State);
    }

    [Fact]
    public async Task Accept_RevokedToken_IsRejected()
    {
        var (owner, invitee, sent) = await ArrangeAsync();
        await app.AsAsync(owner, s => s.RevokeInvitationAsync(sent.InvitationId, CancellationToken.None));
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => AcceptAsync(invitee, TokenOf(sent)));
        Assert.Contains("withdrawn", ex.Message, StringComparison.Ordinal);
        Assert.Null(await app.MembershipAsync(owner.Org, invitee));
        Assert.Equal(InvitationState.Revoked, (await PreviewAsync(invitee, TokenOf(sent))).State);
    }

    [Fact]
    public async Task Accept_ExpiredToken_IsRejected()
    {
        var (owner, invitee, sent) = await ArrangeAsync();
        await app.WithDbAsync(owner.Org, async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.Id == sent.InvitationId);
            invitation.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => AcceptAsync(invitee, TokenOf(sent)));
        Assert.Contains("expired", ex.Message, StringComparison.Ordinal);
        Assert.Null(await app.MembershipAsync(owner.Org, invitee));
        Assert.Equal(InvitationState.Expired, (await PreviewAsync(invitee, TokenOf(sent))).State);
    }

    [Fact]
    public async Task Accept_SignedInAsAnotherUser_IsRejected()
    {
        var (owner, _, sent) = await ArrangeAsync();
        var stranger = await app.CreateUserAsync(NewEmail("stranger"));
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => AcceptAsync(stranger, TokenOf(sent)));
        Assert.Contains("signed in as", ex.Message, StringComparison.Ordinal);
        Assert.Null(await app.MembershipAsync(owner.Org, stranger));
        Assert.Null((await app.InvitationAsync(owner.Org, sent.InvitationId)).AcceptedAt);
        Assert.False((await PreviewAsync(stranger, TokenOf(sent))).IsForSignedInUser);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-real-token")]
    public async Task Accept_UnknownToken_IsRejected(string token)
    {
        var user = await app.CreateUserAsync(NewEmail("nobody"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AcceptAsync(user, token));
        Assert.Equal(InvitationState.NotFound, (await PreviewAsync(user, token)).State);
    }

    [Fact]
    public async Task Accept_HashInsteadOfToken_IsRejected()
    {
        var (owner, invitee, sent) = await ArrangeAsync();
        var hash = (await app.InvitationAsync(owner.Org, sent.InvitationId)).TokenHash;
        await Assert.ThrowsAsync<ValidationFailedException>(() => AcceptAsync(invitee, hash));
    }

    [Fact]
    public async Task Accept_AlreadyMember_MarksAcceptedAndKeepsRole()
    {
        var (owner, invitee, sent) = await ArrangeAsync(OrganizationRole.Viewer);
        await app.AddMemberAsync(owner.Org, invitee, OrganizationRole.Admin);
        var accepted = await AcceptAsync(invitee, TokenOf(sent));
        Assert.Equal(OrganizationRole.Admin, accepted.Role);
        Assert.Equal(OrganizationRole.Admin, (await app.MembershipAsync(owner.Org, invitee))?.Role);
        Assert.NotNull((await app.InvitationAsync(owner.Org, sent.InvitationId)).AcceptedAt);
    }

    [Fact]
    public async Task Preview_OpenInvitation_ShowsOrganizationAndRole()
    {
        var (_, invitee, sent) = await ArrangeAsync(OrganizationRole.Admin);
        var preview = await PreviewAsync(invitee, TokenOf(sent));
        Assert.Equal(InvitationState.Open, preview.State);
        Assert.Equal("Inviting Org", preview.OrganizationName);
        Assert.Equal(OrganizationRole.Admin, preview.Role);
        Assert.True(preview.IsForSignedInUser);
    }
}
