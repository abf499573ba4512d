using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.ApiKeys;

/// <summary>One request to the REST API by an identified key. Kept 90 days (privacy policy), then deleted.</summary>
public sealed class ApiRequestLog : ITenantOwned
{
    public const int PathMaxLength = 500;

    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid ApiKeyId { get; set; }

    public required string Method { get; set; }

    public required string Path { get; set; }

    /// <summary>The domain a scan request named, when there was one.</summary>
    public string? Domain { get; set; }

    public int StatusCode { get; set; }

    public string? ClientIp { get; set; }

    public int DurationMs { get; set; }
}
