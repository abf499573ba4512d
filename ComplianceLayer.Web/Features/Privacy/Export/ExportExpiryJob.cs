using Quartz;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>Every 15 minutes: deletes expired export files. One run across the cluster at a time.</summary>
[DisallowConcurrentExecution]
public sealed class ExportExpiryJob(ExportExpirySweeper sweeper) : IJob
{
    public static readonly JobKey Key = new("export-expiry", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweeper.RunAsync(cancellationToken);
}
