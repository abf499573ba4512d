using ComplianceLayer.Domain.Organizations;

namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>The signed-in user as a member of the organization they are working in.</summary>
public sealed record MemberContext(Guid OrganizationId, string OrganizationName, string UserId, string Email, OrganizationRole Role)
{
    /// <summary>When the organization's pending deletion completes; null when none is pending (then it is read-only).</summary>
    public DateTimeOffset? DeletionDueAt { get; init; }

    /// <summary>Where the member acts from (see <see cref="ClientAddress"/>); recorded with audit events.</summary>
    public string? IpAddress { get; init; }

    public bool Can(Capability capability) =>
        RolePolicy.Allows(Role, capability) && (DeletionDueAt is null || PendingDeletionPolicy.Allows(capability));
}
