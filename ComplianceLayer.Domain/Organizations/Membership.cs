using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Organizations;

/// <summary>A user's place in an organization.</summary>
public sealed class Membership : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public required string UserId { get; set; }

    public OrganizationRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
