using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Api;

/// <summary>
/// Token buckets per API key and per organization (in memory, per node). A request needs a token from both;
/// every response carries X-RateLimit-Limit/Remaining/Reset for the tighter bucket, and a refusal also Retry-After.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    private readonly ApiRateLimitOptions _options;
    private readonly PartitionedRateLimiter<Guid> _keys;
    private readonly PartitionedRateLimiter<Guid> _organizations;

    public ApiRateLimiter(IOptions<ApiOptions> options)
    {
        _options = options.Value.RateLimit;
        _keys = Create(_options.KeyTokenLimit, _options.KeyTokensPerPeriod);
        _organizations = Create(_options.OrganizationTokenLimit, _options.OrganizationTokensPerPeriod);
    }

    /// <summary>Takes a token for the caller, writes the rate-limit headers, and says whether the request may go on.</summary>
    public bool TryAcquire(ApiCaller caller, HttpResponse response, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(response);
        using var keyLease = _keys.AttemptAcquire(caller.ApiKeyId);
        using var organizationLease = keyLease.IsAcquired ? _organizations.AttemptAcquire(caller.OrganizationId) : null;

        var keyRemaining = (int)(_keys.GetStatistics(caller.ApiKeyId)?.CurrentAvailablePermits ?? 0);
        var organizationRemaining = (int)(_organizations.GetStatistics(caller.OrganizationId)?.CurrentAvailablePermits ?? 0);
        var (limit, remaining, perPeriod) = keyRemaining <= organizationRemaining
            ? (_options.KeyTokenLimit, keyRemaining, _options.KeyTokensPerPeriod)
            : (_options.OrganizationTokenLimit, organizationRemaining, _options.OrganizationTokensPerPeriod);
        var periodsToFull = (int)Math.Ceiling((limit - remaining) / (double)perPeriod);
        var reset = (int)Math.Ceiling(periodsToFull * _options.ReplenishmentPeriod.TotalSeconds);
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);

        var refused = !keyLease.IsAcquired ? keyLease : organizationLease is { IsAcquired: false } ? organizationLease : null;
        if (refused is null)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }
        retryAfter = refused.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
            ? after
            : _options.ReplenishmentPeriod;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return false;
    }

    public void Dispose()
    {
        _keys.Dispose();
        _organizations.Dispose();
    }

    private PartitionedRateLimiter<Guid> Create(int tokenLimit, int tokensPerPeriod) =>
        PartitionedRateLimiter.Create<Guid, Guid>(id => RateLimitPartition.GetTokenBucketLimiter(id, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokenLimit,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = _options.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
