using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Api;

/// <summary>
/// Token buckets per API key, per organization and, when the organization's plan sets one, per organization at the plan's
/// requests per minute (in memory, per node). A request needs a token from each; every response carries
/// X-RateLimit-Limit/Remaining/Reset for the tightest bucket, and a refusal also Retry-After.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    private static readonly TimeSpan PlanPeriod = TimeSpan.FromMinutes(1);

    private readonly ApiRateLimitOptions _options;
    private readonly PartitionedRateLimiter<Guid> _keys;
    private readonly PartitionedRateLimiter<Guid> _organizations;

    // Keyed by the rate too, so that a plan change takes effect at once with a fresh bucket at the new rate.
    private readonly PartitionedRateLimiter<(Guid Organization, int PerMinute)> _plans;

    public ApiRateLimiter(IOptions<ApiOptions> options)
    {
        _options = options.Value.RateLimit;
        _keys = Create<Guid>(_ => (_options.KeyTokenLimit, _options.KeyTokensPerPeriod, _options.ReplenishmentPeriod));
        _organizations = Create<Guid>(_ => (_options.OrganizationTokenLimit, _options.OrganizationTokensPerPeriod, _options.ReplenishmentPeriod));
        _plans = Create<(Guid Organization, int PerMinute)>(p => (p.PerMinute, p.PerMinute, PlanPeriod));
    }

    /// <summary>Takes a token for the caller, writes the rate-limit headers, and says whether the request may go on.</summary>
    public bool TryAcquire(ApiCaller caller, int? planRequestsPerMinute, HttpResponse response, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(response);
        var planKey = (caller.OrganizationId, planRequestsPerMinute ?? 0);
        using var keyLease = _keys.AttemptAcquire(caller.ApiKeyId);
        using var organizationLease = keyLease.IsAcquired ? _organizations.AttemptAcquire(caller.OrganizationId) : null;
        using var planLease = planRequestsPerMinute is not null && organizationLease is { IsAcquired: true } ? _plans.AttemptAcquire(planKey) : null;

        var buckets = new List<(int Limit, int Remaining, int PerPeriod, TimeSpan Period)>
        {
            (_options.KeyTokenLimit, Available(_keys, caller.ApiKeyId), _options.KeyTokensPerPeriod, _options.ReplenishmentPeriod),
            (_options.OrganizationTokenLimit, Available(_organizations, caller.OrganizationId), _options.OrganizationTokensPerPeriod, _options.ReplenishmentPeriod),
        };
        if (planRequestsPerMinute is { } perMinute)
        {
            buckets.Add((perMinute, Available(_plans, planKey), perMinute, PlanPeriod));
        }
        var (limit, remaining, perPeriod, period) = buckets.OrderBy(b => b.Remaining).ThenBy(b => b.Limit).First();
        var periodsToFull = (int)Math.Ceiling((limit - remaining) / (double)perPeriod);
        var reset = (int)Math.Ceiling(periodsToFull * period.TotalSeconds);
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);

        RateLimitLease? refused = !keyLease.IsAcquired ? keyLease
            : organizationLease is { IsAcquired: false } ? organizationLease
            : planLease is { IsAcquired: false } ? planLease
            : null;
        if (refused is null)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }
        retryAfter = refused.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
            ? after
            : refused == planLease ? PlanPeriod : _options.ReplenishmentPeriod;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return false;
    }

    public void Dispose()
    {
        _keys.Dispose();
        _organizations.Dispose();
        _plans.Dispose();
    }

    private static int Available<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key) =>
        (int)(limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0);

    private static PartitionedRateLimiter<TKey> Create<TKey>(Func<TKey, (int TokenLimit, int TokensPerPeriod, TimeSpan Period)> settings)
        where TKey : notnull =>
        PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.GetTokenBucketLimiter(key, k =>
        {
            var (tokenLimit, tokensPerPeriod, period) = settings(k);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = tokenLimit,
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        }));
}
