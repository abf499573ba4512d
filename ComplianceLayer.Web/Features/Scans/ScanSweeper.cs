using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>
/// Finds scans the queue lost: queued with no Quartz trigger (the process died between the insert and the schedule),
/// or running with no executing trigger (the node died and recovery did not pick it up). Puts them back on the queue.
/// </summary>
public sealed class ScanSweeper(IDbContextFactory<AppDbContext> dbFactory, ScanDispatcher dispatcher, TimeProvider time, ILogger<ScanSweeper> logger)
{
    /// <summary>How long a scan may sit without a trigger before the sweeper acts (covers the insert→schedule gap).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var before = time.GetUtcNow() - Grace;
        // Cross-tenant by design: a maintenance job over every organization's queue; it only re-queues.
        var orphans = await db.Scans
            .FromSqlInterpolated($"""
                SELECT s.* FROM scans s
                WHERE ((s."Status" = 'Queued' AND s."QueuedAt" < {before})
                    OR (s."Status" = 'Running' AND s."StartedAt" < {before}))
                  AND NOT EXISTS (SELECT 1 FROM qrtz_triggers t WHERE t.trigger_name LIKE 'scan-' || replace(s."Id"::text, '-', '') || '-%')
                  AND NOT EXISTS (SELECT 1 FROM qrtz_fired_triggers f WHERE f.trigger_name LIKE 'scan-' || replace(s."Id"::text, '-', '') || '-%')
                """)
            .IgnoreQueryFilters([AppDbContext.TenantFilter])
            .AsNoTracking()
            .Select(s => new { s.Id, s.JobId, s.Status })
            .ToListAsync(cancellationToken);
        foreach (var orphan in orphans)
        {
            logger.LogWarning("Re-queueing scan {JobId} left {Status} without a trigger", orphan.JobId, orphan.Status);
            if (orphan.Status == ScanStatus.Running)
            {
                // Same move as Scan.Requeue(), done in SQL: this maintenance path has no tenant scope.
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""UPDATE scans SET "Status" = 'Queued', "StartedAt" = NULL WHERE "Id" = {orphan.Id} AND "Status" = 'Running'""",
                    cancellationToken);
            }
            await dispatcher.EnqueueAsync(orphan.Id, TimeSpan.Zero, cancellationToken);
        }
        return orphans.Count;
    }
}
