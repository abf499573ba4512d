using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Audit;

/// <summary>Who did what to which record of an organization, and when. Append-only.</summary>
public sealed class AuditEvent : ITenantOwned
{
    public const int IpAddressMaxLength = 45;

    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The user who acted; null for the system (jobs, webhooks).</summary>
    public string? ActorUserId { get; set; }

    /// <summary>How the actor was shown at the time (e-mail, "system", "api key cl_ab12…").</summary>
    public required string Actor { get; set; }

    /// <summary>Dotted action name, e.g. <c>client.created</c>, <c>member.role_changed</c>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    public required string Summary { get; set; }

    /// <summary>The address the actor's request or session came from, when there was one (not for jobs).</summary>
    public string? IpAddress { get; set; }
}
