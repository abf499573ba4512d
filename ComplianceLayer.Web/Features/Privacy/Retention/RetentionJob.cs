using Quartz;

namespace ComplianceLayer.Web.Features.Privacy.Retention;

/// <summary>
/// Daily: enforces the privacy policy's retention windows — scan history per plan, API request logs after 90 days,
/// audit events per <see cref="RetentionOptions"/>, and canceled organizations 90 days after their paid period.
/// One run across the cluster at a time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(
    ScanHistoryRetention scanHistory,
    ApiRequestLogRetention apiRequestLogs,
    AuditEventRetention auditEvents,
    CanceledOrganizationRetention canceledOrganizations) : IJob
{
    public static readonly JobKey Key = new("retention", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        // Canceled organizations first: the rules below then skip data that is about to go anyway.
        await canceledOrganizations.RunAsync(cancellationToken);
        await scanHistory.RunAsync(cancellationToken);
        await apiRequestLogs.RunAsync(cancellationToken);
        await auditEvents.RunAsync(cancellationToken);
    }
}
