using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Domains;

/// <summary>A domain an organization monitors; <see cref="Name"/> is ASCII (punycode), lower case, unique per organization.</summary>
public sealed class MonitoredDomain : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid ClientId { get; set; }

    public required string Name { get; set; }

    /// <summary>The Unicode form for display, when the name is internationalised; otherwise equal to <see cref="Name"/>.</summary>
    public required string DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
