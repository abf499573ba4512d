using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Findings;

/// <summary>One issue of one completed scan, kept as a row for queries across scans (diffs, compliance, trends).</summary>
public sealed class Finding : ITenantOwned
{
    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ScanId { get; set; }

    public Guid DomainId { get; set; }

    /// <summary>Stable dotted code, e.g. <c>ssl.protocol.tls10_enabled</c>.</summary>
    public required string Code { get; set; }

    /// <summary>The code plus its subject when a code can occur more than once, e.g. <c>ports.exposed.rdp:3389</c>.</summary>
    public required string Fingerprint { get; set; }

    public required string Module { get; set; }

    public Severity Severity { get; set; }

    public required string Title { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
