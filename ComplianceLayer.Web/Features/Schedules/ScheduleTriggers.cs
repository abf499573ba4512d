using ComplianceLayer.Domain.Schedules;
using Quartz;

namespace ComplianceLayer.Web.Features.Schedules;

/// <summary>
/// Mirrors schedules as Quartz cron triggers (group <see cref="TriggerGroup"/>, one per schedule id) of
/// <see cref="ScheduledScanJob"/>, evaluated in the organization's time zone. Our table is the truth: the job checks
/// the schedule again when it fires, so a trigger left behind by a failure here never scans anything.
/// </summary>
public sealed class ScheduleTriggers(ISchedulerFactory schedulers)
{
    public const string TriggerGroup = "schedules";

    public static TriggerKey KeyFor(Guid scheduleId) => new($"schedule-{scheduleId:N}", TriggerGroup);

    /// <summary>Creates or replaces the schedule's trigger; a disabled schedule's trigger is stored paused.</summary>
    public async Task SyncAsync(ScanSchedule schedule, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = KeyFor(schedule.Id);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(ScheduledScanJob.Key)
            .UsingJobData(ScheduledScanJob.ScheduleIdKey, schedule.Id.ToString())
            .UsingJobData(ScheduledScanJob.OrganizationIdKey, schedule.OrganizationId.ToString())
            .WithCronSchedule(ScheduleRules.CronExpression(schedule.Timing), c => c.InTimeZone(timeZone))
            .Build();
        // Replace rather than resume: a resumed trigger would count the runs it missed while paused as misfires
        // and fire at once; a fresh one waits for its next time.
        await scheduler.UnscheduleJob(key, cancellationToken);
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
        if (!schedule.Enabled)
        {
            await scheduler.PauseTrigger(key, cancellationToken);
        }
    }

    public async Task RemoveAsync(Guid scheduleId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(KeyFor(scheduleId), cancellationToken);
    }
}
