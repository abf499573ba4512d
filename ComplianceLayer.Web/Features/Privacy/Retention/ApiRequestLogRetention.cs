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
    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await RunPerOrganizationAsync(cancellationToken)).Sum(c => c.Rows);

    public async Task<IReadOnlyList<RetentionCount>> RunPerOrganizationAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - RetentionPolicy.ApiRequestLogs;
        var summary = $" API request log entries older than {cutoff:yyyy-MM-dd} (kept 90 days by the privacy policy).";
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        // One age rule for all tenants, so this maintenance statement deliberately spans organizations.
        var counts = await db.Database.SqlQuery<RetentionCount>($"""
            WITH deleted AS (
                DELETE FROM api_request_logs WHERE "OccurredAt" < {cutoff} RETURNING "OrganizationId"),
            counts AS (
                SELECT "OrganizationId", count(*)::int AS "Rows" FROM deleted GROUP BY "OrganizationId"),
            audit AS (
                INSERT INTO audit_events ("OrganizationId", "OccurredAt", "Actor", "Action", "EntityType", "Summary")
                SELECT "OrganizationId", {now}, 'system', 'retention.api_logs_deleted', 'api_request_log', 'Deleted ' || "Rows" || {summary}
                FROM counts)
            SELECT "OrganizationId", "Rows" FROM counts
            """).ToListAsync(cancellationToken);
        if (counts.Count > 0)
        {
            logger.LogInformation("Retention: deleted {Rows} API request log rows older than {Cutoff:yyyy-MM-dd} in {Organizations} organizations",
                counts.Sum(c => c.Rows), cutoff, counts.Count);
        }
        return counts;
    }
}
