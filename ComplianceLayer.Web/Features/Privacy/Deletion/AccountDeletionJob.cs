using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ComplianceLayer.Web.Features.Privacy.Deletion;

/// <summary>
/// Hourly: completes the account deletions whose grace period has ended. One run across the cluster at a time; an
/// organization that fails is retried on the next run (its deletion is one transaction) and does not stop the others.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AccountDeletionJob(IDbContextFactory<AppDbContext> dbFactory, OrganizationPurge purge, TimeProvider time, ILogger<AccountDeletionJob> logger) : IJob
{
    public static readonly JobKey Key = new("account-deletion", "maintenance");

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public const string Cron = "0 5 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await RunAsync(cancellationToken);

    /// <summary>Completes every due deletion; returns what each removed.</summary>
    public async Task<IReadOnlyList<PurgeResult>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Organizations.Where(o => o.DeletionDueAt != null && o.DeletionDueAt <= now)
                .OrderBy(o => o.DeletionDueAt).Select(o => o.Id).ToListAsync(cancellationToken);
        }
        var results = new List<PurgeResult>();
        var failures = new List<Exception>();
        foreach (var organizationId in due)
        {
            try
            {
                if (await purge.PurgeAsync(organizationId, "account deletion requested by its Owner", cancellationToken) is { } result)
                {
                    results.Add(result);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Deleting organization {OrganizationId} failed; the next run retries it", organizationId);
                failures.Add(ex);
            }
        }
        if (failures.Count > 0)
        {
            throw new AggregateException("Some account deletions failed; they are retried on the next run.", failures);
        }
        return results;
    }
}
