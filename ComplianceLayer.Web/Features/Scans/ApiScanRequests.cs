using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Features.Api;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>What POST /v1/scan did: a new or de-duplicated scan, or a recent completed one from the result cache.</summary>
public sealed record ApiScanRequestResult(Scan Scan, string Domain, bool FromCache);

/// <summary>
/// POST /v1/scan: parses the domain, adds it to the organization when new, answers from the result cache when a completed
/// scan is recent enough (unless forced), and otherwise requests a scan through <see cref="ScanRequests"/>, which
/// de-duplicates and enqueues exactly as for the UI.
/// </summary>
public sealed class ApiScanRequests(
    IDbContextFactory<AppDbContext> dbFactory,
    DomainService domains,
    ScanRequests scanRequests,
    IOptions<ApiOptions> options,
    TimeProvider time)
{
    /// <exception cref="ValidationFailedException">The domain is not valid (the message says why).</exception>
    public async Task<ApiScanRequestResult> RequestAsync(ApiCaller caller, string? input, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new ValidationFailedException("The request needs a \"domain\", e.g. {\"domain\": \"example.com\"}.");
        }
        var parsed = DomainName.Parse(input);
        if (parsed.Name is not { } name)
        {
            throw new ValidationFailedException(DomainService.DescribeParseError(parsed.Error, parsed.Suggestion));
        }
        var domainId = await domains.FindOrAddForApiAsync(caller.OrganizationId, name, caller.DisplayPrefix, cancellationToken);

        var cacheAge = options.Value.ResultCacheAge;
        if (!force && cacheAge > TimeSpan.Zero)
        {
            var since = time.GetUtcNow() - cacheAge;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var cached = await db.Scans.AsNoTracking()
                .Where(s => s.DomainId == domainId && s.Status == ScanStatus.Completed && s.FinishedAt >= since)
                .OrderByDescending(s => s.FinishedAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (cached is not null)
            {
                return new ApiScanRequestResult(cached, name.Ascii, FromCache: true);
            }
        }
        var requested = await scanRequests.RequestForOrganizationAsync(
            caller.OrganizationId, domainId, ScanTrigger.Api, caller.ApiKeyId, cancellationToken);
        return new ApiScanRequestResult(requested.Scan, name.Ascii, FromCache: false);
    }
}
