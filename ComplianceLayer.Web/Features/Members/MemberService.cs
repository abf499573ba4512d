using System.Net.Mail;
using System.Text.Encodings.Web;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Email;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Members;

/// <summary>
/// Members and invitations of the current organization. Every operation starts with
/// <see cref="CurrentMember.RequireAsync"/>, so roles are enforced here and not only by hiding buttons.
/// </summary>
public sealed class MemberService(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    IAppEmailSender emailSender,
    AuditLog audit,
    PlanGuard plans,
    TimeProvider time,
    ILogger<MemberService> logger)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    private const int EmailMaxLength = 256;

    public async Task<MembersOverview> GetOverviewAsync(CancellationToken cancellationToken)
    {
        var actor = await currentMember.RequireAsync(Capability.ManageMembers, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.Memberships.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Membership = m, Email = u.Email ?? u.UserName ?? m.UserId, u.DisplayName })
            .OrderBy(r => r.Email)
            .Select(r => new MemberRow(r.Membership.Id, r.Membership.UserId, r.Email, r.DisplayName, r.Membership.Role, r.Membership.CreatedAt))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt))
            .ToListAsync(cancellationToken);
        // Roles are stored as text, so order by power here; an organization's member list is small.
        return new MembersOverview(actor, members.OrderByDescending(m => m.Role).ToList(), invitations);
    }

    /// <summary>
    /// Invites <paramref name="email"/> with <paramref name="role"/> and e-mails a link under <paramref name="baseUrl"/>
    /// (the app's public address, e.g. NavigationManager.BaseUri). An open invitation to the same address is replaced.
    /// </summary>
    public async Task<InvitationSent> InviteAsync(string email, OrganizationRole role, Uri baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var actor = await currentMember.RequireAsync(Capability.ManageMembers, cancellationToken);
        EnsureDefined(role);
        if (!RolePolicy.CanAssign(actor.Role, null, role))
        {
            throw new AccessDeniedException($"As {actor.Role} you cannot invite someone as {role}.");
        }
        var address = NormalizeEmail(email);
        var normalized = address.ToUpperInvariant();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var isMember = await db.Memberships
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.NormalizedEmail)
            .AnyAsync(e => e == normalized, cancellationToken);
        if (isMember)
        {
            throw new ValidationFailedException($"{address} is already a member of {actor.OrganizationName}.");
        }
        await plans.EnsureCanInviteMemberAsync(address, cancellationToken);

        var now = time.GetUtcNow();
        var replaced = await db.Invitations
            .Where(i => i.Email == address && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        foreach (var old in replaced)
        {
            if (!RolePolicy.CanAssign(actor.Role, old.Role, role))
            {
                throw new AccessDeniedException($"{address} has an open invitation as {old.Role}; only an Owner can replace it.");
            }
            old.RevokedAt = now;
            audit.Record(db, actor, "invitation.revoked", "invitation", old.Id.ToString(),
                $"Replaced the invitation of {address} as {old.Role} by a new one.");
        }

        var (token, hash) = InvitationToken.Create();
        var invitation = new Invitation
        {
            Email = address,
            Role = role,
            TokenHash = hash,
            InvitedByUserId = actor.UserId,
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        audit.Record(db, actor, "member.invited", "invitation", invitation.Id.ToString(), $"Invited {address} as {role}.");
        await db.SaveChangesAsync(cancellationToken);

        var acceptUrl = new Uri(baseUrl, "invitations/accept?token=" + Uri.EscapeDataString(token));
        try
        {
            await emailSender.SendAsync(address, $"You are invited to {actor.OrganizationName} on ComplianceLayer",
                InvitationEmailBody(actor, role, acceptUrl, invitation.ExpiresAt), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The invitation stays open (inviting again replaces it); the user must learn the mail did not go out.
            logger.LogError(ex, "Could not send the invitation e-mail to {Recipient}", address);
            throw new ValidationFailedException($"The invitation for {address} was saved, but the e-mail could not be sent. Try inviting again later.");
        }
        return new InvitationSent(invitation.Id, address, role, acceptUrl);
    }

    public async Task RevokeInvitationAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var actor = await currentMember.RequireAsync(Capability.ManageMembers, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken)
            ?? throw new ValidationFailedException("That invitation does not exist in this organization.");
        if (!RolePolicy.CanAssign(actor.Role, null, invitation.Role))
        {
            throw new AccessDeniedException($"As {actor.Role} you cannot revoke an invitation as {invitation.Role}.");
        }
        var now = time.GetUtcNow();
        if (!invitation.IsOpen(now))
        {
            throw new ValidationFailedException("That invitation was already accepted, revoked or has expired.");
        }
        invitation.RevokedAt = now;
        audit.Record(db, actor, "invitation.revoked", "invitation", invitation.Id.ToString(),
            $"Revoked the invitation of {invitation.Email} as {invitation.Role}.");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ChangeRoleAsync(Guid membershipId, OrganizationRole newRole, CancellationToken cancellationToken)
    {
        var actor = await currentMember.RequireAsync(Capability.ManageMembers, cancellationToken);
        EnsureDefined(newRole);
        string userId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockOrganizationAsync(db, actor.OrganizationId, cancellationToken);
            var membership = await FindMembershipAsync(db, membershipId, cancellationToken);
            if (membership.Role == newRole)
            {
                return;
            }
            if (!RolePolicy.CanAssign(actor.Role, membership.Role, newRole))
            {
                throw new AccessDeniedException(membership.Role == OrganizationRole.Owner
                    ? "Only an Owner can change the role of an Owner."
                    : $"As {actor.Role} you cannot make a member {newRole}.");
            }
            if (membership.Role == OrganizationRole.Owner)
            {
                await EnsureAnotherOwnerAsync(db, membership, actor, cancellationToken);
            }
            var email = await EmailOfAsync(db, membership.UserId, cancellationToken);
            audit.Record(db, actor, "member.role_changed", "membership", membership.Id.ToString(),
                $"Changed the role of {email} from {membership.Role} to {newRole}.");
            membership.Role = newRole;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            userId = membership.UserId;
        }
        await InvalidateSessionsAsync(userId, actor, cancellationToken);
    }

    /// <summary>Removes a member. Any member may remove themselves (leave); removing others needs ManageMembers.</summary>
    public async Task RemoveMemberAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var actor = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        string userId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockOrganizationAsync(db, actor.OrganizationId, cancellationToken);
            var membership = await FindMembershipAsync(db, membershipId, cancellationToken);
            var leaving = membership.UserId == actor.UserId;
            if (!leaving)
            {
                if (!actor.Can(Capability.ManageMembers))
                {
                    throw new AccessDeniedException(Capability.ManageMembers, actor.Role);
                }
                if (!RolePolicy.CanAssign(actor.Role, membership.Role, membership.Role))
                {
                    throw new AccessDeniedException("Only an Owner can remove an Owner.");
                }
            }
            if (membership.Role == OrganizationRole.Owner)
            {
                await EnsureAnotherOwnerAsync(db, membership, actor, cancellationToken);
            }
            var user = await db.Users.SingleAsync(u => u.Id == membership.UserId, cancellationToken);
            if (user.CurrentOrganizationId == actor.OrganizationId)
            {
                user.CurrentOrganizationId = null;
            }
            db.Memberships.Remove(membership);
            audit.Record(db, actor, leaving ? "member.left" : "member.removed", "membership", membership.Id.ToString(),
                leaving
                    ? $"{user.Email} left the organization ({membership.Role})."
                    : $"Removed {user.Email} ({membership.Role}) from the organization.");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            userId = membership.UserId;
        }
        await InvalidateSessionsAsync(userId, actor, cancellationToken);
    }

    /// <summary>The signed-in member leaves the current organization.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        var actor = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membershipId = await db.Memberships.Where(m => m.UserId == actor.UserId).Select(m => m.Id).SingleAsync(cancellationToken);
        await RemoveMemberAsync(membershipId, cancellationToken);
    }

    private static async Task<Membership> FindMembershipAsync(AppDbContext db, Guid membershipId, CancellationToken cancellationToken) =>
        // The tenant filter makes another organization's membership look exactly like a missing one.
        await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId, cancellationToken)
        ?? throw new ValidationFailedException("That member does not exist in this organization.");

    /// <summary>
    /// Serialises membership changes of one organization, so that two Owners demoting each other at the same
    /// moment cannot both pass the last-Owner check.
    /// </summary>
    private static async Task LockOrganizationAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM organizations WHERE "Id" = {organizationId} FOR UPDATE""", cancellationToken);

    private static async Task EnsureAnotherOwnerAsync(AppDbContext db, Membership owner, MemberContext actor, CancellationToken cancellationToken)
    {
        var others = await db.Memberships.CountAsync(m => m.Role == OrganizationRole.Owner && m.Id != owner.Id, cancellationToken);
        if (others == 0)
        {
            throw new ValidationFailedException(
                $"{actor.OrganizationName} needs at least one Owner. Make another member Owner first.");
        }
    }

    private static async Task<string> EmailOfAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken) ?? userId;

    /// <summary>
    /// A new security stamp makes the user's cookies and open circuits re-validate. Done in a fresh scope so that
    /// a long-lived circuit's tracked user cannot overwrite newer data. Skipped when members change themselves, so
    /// that leaving or stepping down does not sign them out of their other organizations.
    /// </summary>
    private async Task InvalidateSessionsAsync(string userId, MemberContext actor, CancellationToken cancellationToken)
    {
        if (userId == actor.UserId)
        {
            return;
        }
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not renew the security stamp: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static void EnsureDefined(OrganizationRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ValidationFailedException("Choose a role.");
        }
    }

    private static string NormalizeEmail(string? email)
    {
        var trimmed = (email ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new ValidationFailedException("Enter an e-mail address.");
        }
        if (trimmed.Length > EmailMaxLength
            || !MailAddress.TryCreate(trimmed, out var parsed)
            || parsed.Address != trimmed
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            throw new ValidationFailedException($"\"{trimmed}\" is not a valid e-mail address.");
        }
        return trimmed.ToLowerInvariant();
    }

    private static string InvitationEmailBody(MemberContext actor, OrganizationRole role, Uri acceptUrl, DateTimeOffset expiresAt)
    {
        var html = HtmlEncoder.Default;
        return $"""
            <p>{html.Encode(actor.Email)} invited you to join <strong>{html.Encode(actor.OrganizationName)}</strong> on ComplianceLayer as {role}.</p>
            <p><a href="{html.Encode(acceptUrl.AbsoluteUri)}">Accept the invitation</a></p>
            <p>The link works once and expires on {expiresAt:yyyy-MM-dd HH:mm} UTC. Sign in (or register) with this e-mail address to accept it.</p>
            """;
    }
}
