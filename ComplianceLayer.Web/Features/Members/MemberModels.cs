using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Infrastructure.Tenancy;

namespace ComplianceLayer.Web.Features.Members;

public sealed record MemberRow(Guid MembershipId, string UserId, string Email, string? DisplayName, OrganizationRole Role, DateTimeOffset JoinedAt);

public sealed record InvitationRow(Guid InvitationId, string Email, OrganizationRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>What the members page shows: who acts, the members and the open invitations.</summary>
public sealed record MembersOverview(MemberContext Actor, IReadOnlyList<MemberRow> Members, IReadOnlyList<InvitationRow> Invitations)
{
    /// <summary>Roles the actor may give a member who now has <paramref name="currentRole"/> (null: an invitation).</summary>
    public IReadOnlyList<OrganizationRole> AssignableRoles(OrganizationRole? currentRole) =>
        Enum.GetValues<OrganizationRole>().Where(r => RolePolicy.CanAssign(Actor.Role, currentRole, r)).ToList();
}

/// <summary>An invitation that was created and e-mailed. The page does not show the link: it is meant for the inbox only.</summary>
public sealed record InvitationSent(Guid InvitationId, string Email, OrganizationRole Role, Uri AcceptUrl);
