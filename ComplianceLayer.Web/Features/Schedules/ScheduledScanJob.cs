using Quartz;

namespace ComplianceLayer.Web.Features.Schedules;

/// <summary>
/// Fired by a schedule's cron trigger (see <see cref="ScheduleTriggers"/>); the trigger carries the schedule and its
/// organization. A trigger whose schedule is gone (deleted with its client or domain) removes itself.
/// </summary>
public sealed class ScheduledScanJob(IServiceScopeFactory scopes, ILogger<ScheduledScanJob> logger) : IJob
{
    public static readonly JobKey Key = new("scheduled-scan", ScheduleTriggers.TriggerGroup);
    public const string ScheduleIdKey = "scheduleId";
    public const string OrganizationIdKey = "organizationId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(ScheduleIdKey), out var scheduleId)
            || !Guid.TryParse(data.GetString(OrganizationIdKey), out var organizationId))
        {
            logger.LogError("Schedule trigger {Trigger} lacks its schedule or organization id", context.Trigger.Key);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ScheduledScans>().RunAsync(organizationId, scheduleId, cancellationToken);
        if (run.Status == ScheduledRunStatus.Missing)
        {
            logger.LogInformation("Schedule {ScheduleId} no longer exists; removing its trigger", scheduleId);
            await context.Scheduler.UnscheduleJob(context.Trigger.Key, CancellationToken.None);
        }
    }
}
