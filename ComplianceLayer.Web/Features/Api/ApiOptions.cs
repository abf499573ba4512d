using System.ComponentModel.DataAnnotations;

namespace ComplianceLayer.Web.Features.Api;

/// <summary>The REST API (/v1): result cache, key bookkeeping and rate limits.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// A POST /v1/scan for a domain whose last completed scan is younger than this returns that scan instead of a new one
    /// (unless "force": true). Zero turns the cache off. The API documentation advises caching for at least an hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ResultCacheAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a key's "last used" time is written at most (one UPDATE per key per interval, not per request).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LastUsedUpdateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Token buckets per key and per organization.</summary>
    public ApiRateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>
/// Token-bucket limits: a bucket holds at most <c>…TokenLimit</c> requests (the burst) and refills by <c>…TokensPerPeriod</c>
/// every <see cref="ReplenishmentPeriod"/>. Every request must get a token from its key's bucket and its organization's bucket.
/// </summary>
public sealed class ApiRateLimitOptions
{
    [Range(1, 1_000_000)]
    public int KeyTokenLimit { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int KeyTokensPerPeriod { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int OrganizationTokenLimit { get; set; } = 300;

    [Range(1, 1_000_000)]
    public int OrganizationTokensPerPeriod { get; set; } = 300;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The data-annotation errors of this nested section (the options validator does not recurse).</summary>
    public bool IsValid()
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
    }
}
