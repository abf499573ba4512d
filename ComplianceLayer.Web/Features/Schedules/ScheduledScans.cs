using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Scheduling;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Schedules;

/// <summary>
/// What a schedule does when it fires: re-reads the schedule (a paused or deleted one does nothing), resolves its
/// domains as they are now, and requests one scan per domain, spread over the jitter window. The plan is checked at every
/// firing (a downgrade or an ended subscription stops schedules without deleting them): a refusal or the scan quota running
/// out is written to the audit log, so the organization sees why scans did not happen.
/// </summary>
public sealed class ScheduledScans(
    TenantContext tenant,
    IDbContextFactory<AppDbContext> dbFactory,
    ScanRequests scanRequests,
    IOptions<JobSchedulerOptions> options,
    PlanGuard planGuard,
    AuditLog audit,
    ILogger<ScheduledScans> logger)
{
    public async Task<ScheduledRun> RunAsync(Guid organizationId, Guid scheduleId, CancellationToken cancellationToken)
    {
        tenant.Set(organizationId);
        List<Guid> domainIds;
        ScanSchedule? schedule;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            schedule = await db.ScanSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, cancellationToken);
            if (schedule is null)
            {
                return new ScheduledRun(ScheduledRunStatus.Missing, 0, 0, TimeSpan.Zero);
            }
            if (!schedule.Enabled)
            {
                return new ScheduledRun(ScheduledRunStatus.Disabled, 0, 0, TimeSpan.Zero);
            }
            domainIds = await db.Domains
                .Where(d => schedule.ClientId != null ? d.ClientId == schedule.ClientId : d.Id == schedule.DomainId)
                .OrderBy(d => d.Name)
                .Select(d => d.Id)
                .ToListAsync(cancellationToken);
        }

        string? refusal;
        int? allowed;
        try
        {
            var (plan, remaining, period) = await planGuard.ScanAllowanceAsync(cancellationToken);
            var scheduleRefusal = PlanGuard.ScheduleRefusal(plan, schedule.Cadence);
            refusal = scheduleRefusal ?? (remaining < domainIds.Count ? PlanGuard.QuotaExceeded(plan, period).Message : null);
            allowed = scheduleRefusal is null ? remaining : 0;
        }
        catch (PlanLimitExceededException ex)
        {
            (refusal, allowed) = (ex.Message, 0);
        }
        if (refusal is not null && allowed == 0)
        {
            await RecordRefusalAsync(organizationId, scheduleId, domainIds.Count, 0, refusal, cancellationToken);
            return new ScheduledRun(ScheduledRunStatus.Refused, domainIds.Count, 0, TimeSpan.Zero, refusal);
        }

        var window = JitterWindow(domainIds.Count, options.Value);
        var queued = 0;
        for (var i = 0; i < domainIds.Count; i++)
        {
            var delay = Delay(i, domainIds.Count, window);
            try
            {
                var result = await scanRequests.RequestForOrganizationAsync(
                    organizationId, domainIds[i], ScanTrigger.Schedule, null, delay, cancellationToken);
                queued += result.Created ? 1 : 0;
            }
            catch (ValidationFailedException ex)
            {
                // The domain was deleted since the list was read: the others still get their scans.
                logger.LogInformation("Schedule {ScheduleId} skipped domain {DomainId}: {Reason}", scheduleId, domainIds[i], ex.Message);
            }
            catch (PlanLimitExceededException ex)
            {
                // The quota ran out during this run (other scans were requested meanwhile): stop here.
                refusal = ex.Message;
                break;
            }
        }
        if (refusal is not null)
        {
            await RecordRefusalAsync(organizationId, scheduleId, domainIds.Count, queued, refusal, cancellationToken);
        }
        logger.LogInformation("Schedule {ScheduleId} requested {Queued} scans for {Domains} domains over {Window}",
            scheduleId, queued, domainIds.Count, window);
        return new ScheduledRun(ScheduledRunStatus.Requested, domainIds.Count, queued, window, refusal);
    }

    private async Task RecordRefusalAsync(Guid organizationId, Guid scheduleId, int domains, int queued, string reason, CancellationToken cancellationToken)
    {
        logger.LogInformation("Schedule {ScheduleId} requested {Queued} of {Domains} scans: {Reason}", scheduleId, queued, domains, reason);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        audit.RecordSystem(db, organizationId, "schedule.scans_skipped", "schedule", scheduleId.ToString(),
            $"The schedule requested {queued} of {domains} scans. {reason}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>min(window, spacing × N): the scans of N domains start evenly over it, the first at once.</summary>
    public static TimeSpan JitterWindow(int domains, JobSchedulerOptions options) =>
        domains <= 1 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(options.ScheduleJitterWindow.Ticks, options.ScheduleJitterPerDomain.Ticks * domains));

    public static TimeSpan Delay(int index, int domains, TimeSpan window) =>
        domains == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(window.Ticks / domains * index);
}
