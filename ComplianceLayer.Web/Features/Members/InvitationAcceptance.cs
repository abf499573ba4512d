using System.Security.Claims;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Members;

public enum InvitationState
{
    Open,
    NotFound,
    Expired,
    Revoked,
    Accepted,
}

/// <summary>What the accept page shows before the user accepts.</summary>
public sealed record InvitationPreview(
    InvitationState State,
    string? OrganizationName,
    OrganizationRole? Role,
    string? Email,
    DateTimeOffset? ExpiresAt,
    bool IsForSignedInUser);

public sealed record AcceptedInvitation(Guid OrganizationId, string OrganizationName, OrganizationRole Role);

/// <summary>
/// Accepting an invitation link. The invitee is not yet a member, so <see cref="CurrentMember"/> cannot authorise:
/// the token is the authority, and the tenant is taken from the invitation it points to, in a scope of its own
/// (the caller's scope may already belong to the user's current organization).
/// </summary>
public sealed class InvitationAcceptance(IServiceScopeFactory scopeFactory, AuditLog audit, TimeProvider time)
{
    public async Task<InvitationPreview> PreviewAsync(string? token, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(token))
        {
            return new InvitationPreview(InvitationState.NotFound, null, null, null, null, false);
        }
        await using var scope = scopeFactory.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        var hash = InvitationToken.Hash(token.Trim());
        var found = await db.Invitations.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking()
            .Where(i => i.TokenHash == hash)
            .Join(db.Organizations, i => i.OrganizationId, o => o.Id, (i, o) => new { Invitation = i, OrganizationName = o.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return new InvitationPreview(InvitationState.NotFound, null, null, null, null, false);
        }
        var invitation = found.Invitation;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var userEmail = userId is null
            ? null
            : await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return new InvitationPreview(StateOf(invitation), found.OrganizationName, invitation.Role, invitation.Email,
            invitation.ExpiresAt, string.Equals(userEmail, invitation.Email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Accepts the invitation for the signed-in <paramref name="user"/>, whose e-mail must be the invited one, and
    /// makes its organization the user's current one.
    /// </summary>
    public async Task<AcceptedInvitation> AcceptAsync(string? token, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (userId is null)
        {
            throw new AccessDeniedException("Sign in to accept the invitation.");
        }
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ValidationFailedException("This invitation link is incomplete. Open the link from the e-mail again.");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        var hash = InvitationToken.Hash(token.Trim());
        var invitation = await db.Invitations.IgnoreQueryFilters([AppDbContext.TenantFilter])
            .SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
            ?? throw new ValidationFailedException("This invitation link is not valid. Ask for a new invitation.");
        tenant.Set(invitation.OrganizationId);

        switch (StateOf(invitation))
        {
            case InvitationState.Accepted:
                throw new ValidationFailedException("This invitation has already been used.");
            case InvitationState.Revoked:
                throw new ValidationFailedException("This invitation was withdrawn. Ask for a new invitation.");
            case InvitationState.Expired:
                throw new ValidationFailedException($"This invitation expired on {invitation.ExpiresAt:yyyy-MM-dd}. Ask for a new invitation.");
        }

        var account = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new AccessDeniedException("Sign in to accept the invitation.");
        if (!string.Equals(account.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationFailedException(
                $"This invitation is for {invitation.Email}, but you are signed in as {account.Email}. Sign in with the invited address to accept it.");
        }

        var now = time.GetUtcNow();
        var organization = await db.Organizations.SingleAsync(o => o.Id == invitation.OrganizationId, cancellationToken);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        var alreadyMember = membership is not null;
        if (membership is null)
        {
            membership = new Membership { UserId = userId, Role = invitation.Role, CreatedAt = now };
            db.Memberships.Add(membership);
        }
        invitation.AcceptedAt = now;
        account.CurrentOrganizationId = invitation.OrganizationId;
        var actor = new MemberContext(organization.Id, organization.Name, userId, account.Email ?? userId, membership.Role);
        audit.Record(db, actor, "invitation.accepted", "membership", membership.Id.ToString(), alreadyMember
            ? $"{account.Email} accepted an invitation as {invitation.Role} but was already a member ({membership.Role}); role unchanged."
            : $"{account.Email} accepted the invitation and joined as {invitation.Role}.");
        await db.SaveChangesAsync(cancellationToken);
        return new AcceptedInvitation(organization.Id, organization.Name, membership.Role);
    }

    private InvitationState StateOf(Invitation invitation) => invitation switch
    {
        { AcceptedAt: not null } => InvitationState.Accepted,
        { RevokedAt: not null } => InvitationState.Revoked,
        _ when !invitation.IsOpen(time.GetUtcNow()) => InvitationState.Expired,
        _ => InvitationState.Open,
    };
}
