using ComplianceLayer.Domain.Retention;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy.Retention;

/// <summary>
/// Deletes API request log rows older than the privacy policy's 90 days, and writes an audit event with the count in
/// each organization that lost rows — one statement, so the counts and the deletion cannot disagree.
/// </summary>
public sealed class ApiRequestLogRetention(IServiceScopeFactory scopes, TimeProvider time, ILogger<ApiRequestLogRetention> logger)
{
    private static readonly AgedRows Rows = new("api_request_logs", "retention.api_logs_deleted", "api_request_log");

    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await RunPerOrganizationAsync(cancellationToken)).Sum(c => c.Rows);

    public async Task<IReadOnlyList<RetentionCount>> RunPerOrganizationAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - RetentionPolicy.ApiRequestLogs;
        var summary = $" API request log entries older than {cutoff:yyyy-MM-dd} (kept 90 days by the privacy policy).";
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        var counts = await AgedRowsDeletion.RunAsync(db, Rows, cutoff, now, summary, cancellationToken);
        if (counts.Count > 0)
        {
            logger.LogInformation("Retention: deleted {Rows} API request log rows older than {Cutoff:yyyy-MM-dd} in {Organizations} organizations",
                counts.Sum(c => c.Rows), cutoff, counts.Count);
        }
        return counts;
    }
}
