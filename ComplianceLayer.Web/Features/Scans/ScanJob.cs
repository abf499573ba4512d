using Microsoft.Extensions.Options;
using ComplianceLayer.Web.Infrastructure.Scheduling;
using Quartz;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>
/// The Quartz job that runs one scan. Stored durably with RequestRecovery: if the node dies mid-scan, another node
/// (or this one after a restart) fires it again with <c>Recovering</c> set, and the scan starts over.
/// </summary>
public sealed class ScanJob(IServiceScopeFactory scopes, IOptions<JobSchedulerOptions> options, ILogger<ScanJob> logger) : IJob
{
    public static readonly JobKey Key = new("scan", "scans");
    public const string ScanIdKey = "scanId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(context.MergedJobDataMap.GetString(ScanIdKey), out var scanId))
        {
            logger.LogError("Scan trigger {Trigger} has no scan id", context.Trigger.Key);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var execution = scope.ServiceProvider.GetRequiredService<ScanExecution>();
        var start = await execution.TryStartAsync(scanId, context.Recovering, context.Scheduler.SchedulerInstanceId, cancellationToken);
        if (start == ScanStart.AtOrganizationCapacity)
        {
            await scope.ServiceProvider.GetRequiredService<ScanDispatcher>()
                .EnqueueAsync(scanId, options.Value.OrganizationCapRetryDelay, CancellationToken.None);
            return;
        }
        if (start != ScanStart.Started)
        {
            return;
        }
        try
        {
            await execution.RunAsync(scanId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The scheduler is shutting down: give the scan back to the queue for the next node.
            await execution.RequeueAsync(scanId, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ScanDispatcher>().EnqueueAsync(scanId, TimeSpan.Zero, CancellationToken.None);
        }
    }
}
