using Quartz;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>Fires <see cref="ScanExportJob"/> for one export request.</summary>
public sealed class ScanExportScheduler(ISchedulerFactory schedulers, TimeProvider time)
{
    public const string TriggerGroup = "exports";

    public async Task ScheduleAsync(Guid organizationId, Guid exportId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"export-{exportId:N}", TriggerGroup)
            .ForJob(ScanExportJob.Key)
            .UsingJobData(ScanExportJob.OrganizationIdKey, organizationId.ToString())
            .UsingJobData(ScanExportJob.ExportIdKey, exportId.ToString())
            .StartAt(time.GetUtcNow())
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
    }
}
