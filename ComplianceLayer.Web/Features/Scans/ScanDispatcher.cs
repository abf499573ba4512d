using Quartz;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>Puts a scan on the persistent Quartz queue: one trigger of <see cref="ScanJob"/> per attempt.</summary>
public sealed class ScanDispatcher(ISchedulerFactory schedulers, TimeProvider time)
{
    public const string TriggerGroup = "scans";

    public async Task EnqueueAsync(Guid scanId, TimeSpan delay, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"scan-{scanId:N}-{Guid.NewGuid():N}", TriggerGroup)
            .ForJob(ScanJob.Key)
            .UsingJobData(ScanJob.ScanIdKey, scanId.ToString())
            .StartAt(time.GetUtcNow().Add(delay))
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
    }
}
