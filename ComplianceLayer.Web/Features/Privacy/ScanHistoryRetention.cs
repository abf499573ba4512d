using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy;

public sealed record RetentionResult(Guid OrganizationId, int ScansDeleted, int FindingsDeleted);

/// <summary>
/// Deletes each organization's scans (with their findings and reports) older than its plan's history window, one
/// organization at a time with its own tenant scope, and writes an audit event with the counts. The window comes from the
/// plan catalogue (Billing:Plans); an unknown plan gets the shortest window. A downgrade therefore deletes nothing at once:
/// older scans go at the next run after the organization's plan changed.
/// </summary>
public sealed class ScanHistoryRetention(IServiceScopeFactory scopes, PlanCatalog plans, TimeProvider time, ILogger<ScanHistoryRetention> logger)
{
    public async Task<IReadOnlyList<RetentionResult>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<(Guid Id, string PlanCode)> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            organizations = (await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.PlanCode }).ToListAsync(cancellationToken))
                .Select(o => (o.Id, o.PlanCode)).ToList();
        }

        var results = new List<RetentionResult>();
        foreach (var (organizationId, planCode) in organizations)
        {
            var result = await PurgeAsync(organizationId, plans.ScanHistoryCutoff(planCode, now), cancellationToken);
            if (result.ScansDeleted > 0)
            {
                results.Add(result);
                logger.LogInformation("Retention: deleted {Scans} scans and {Findings} findings of organization {Organization}",
                    result.ScansDeleted, result.FindingsDeleted, organizationId);
            }
        }
        return results;
    }

    private async Task<RetentionResult> PurgeAsync(Guid organizationId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organizationId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only finished scans: a queued or running one is never removed from under its job.
        var expired = db.Scans.Where(s => s.QueuedAt < cutoff && (s.FinishedAt != null));
        var findings = await db.Findings.Where(f => expired.Select(s => s.Id).Contains(f.ScanId)).ExecuteDeleteAsync(cancellationToken);
        var scans = await expired.ExecuteDeleteAsync(cancellationToken);
        if (scans > 0)
        {
            scope.ServiceProvider.GetRequiredService<AuditLog>().RecordSystem(db, organizationId, "retention.scans_deleted", "scan", null,
                $"Deleted {scans} scans and {findings} findings older than {cutoff:yyyy-MM-dd} (history window of the organization's plan).");
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new RetentionResult(organizationId, scans, findings);
    }
}
