using Quartz;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>
/// Writes one background export. RequestRecovery: an export cut short by a dying node starts again from the beginning
/// on another node (the file is rewritten).
/// </summary>
public sealed class ScanExportJob(IServiceScopeFactory scopes, ILogger<ScanExportJob> logger) : IJob
{
    public static readonly JobKey Key = new("scan-export", ScanExportScheduler.TriggerGroup);
    public const string OrganizationIdKey = "organizationId";
    public const string ExportIdKey = "exportId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(OrganizationIdKey), out var organizationId) || !Guid.TryParse(data.GetString(ExportIdKey), out var exportId))
        {
            logger.LogError("Export trigger {Trigger} has no organization or export id", context.Trigger.Key);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScanExportRunner>().RunAsync(organizationId, exportId, cancellationToken);
    }
}
