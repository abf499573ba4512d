using Quartz;

namespace ComplianceLayer.Web.Features.Privacy;

/// <summary>Daily: enforces the privacy policy's retention windows. One run across the cluster at a time.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(ScanHistoryRetention scanHistory, ApiRequestLogRetention apiRequestLogs) : IJob
{
    public static readonly JobKey Key = new("retention", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await scanHistory.RunAsync(cancellationToken);
        await apiRequestLogs.RunAsync(cancellationToken);
    }
}
