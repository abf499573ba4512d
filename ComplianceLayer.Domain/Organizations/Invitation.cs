using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Organizations;

/// <summary>An invitation by e-mail; only the SHA-256 hash of its token is stored.</summary>
public sealed class Invitation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public required string Email { get; set; }

    public OrganizationRole Role { get; set; }

    public required string TokenHash { get; set; }

    public required string InvitedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsOpen(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;
}
