using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Schedules;

/// <summary>
/// Lists, creates, edits, pauses, resumes and deletes an organization's scan schedules. Viewing needs
/// <see cref="Capability.ViewData"/>, every change <see cref="Capability.ManageSchedules"/> (Admin and above).
/// Each change is audited in the same transaction and then mirrored to Quartz by <see cref="ScheduleTriggers"/>.
/// </summary>
public sealed class ScheduleService(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    ScheduleTriggers triggers,
    AuditLog audit,
    PlanGuard planGuard,
    TimeProvider time)
{
    private const string EntityType = "schedule";

    public async Task<PagedResult<ScheduleSummary>> ListAsync(ScheduleListQuery query, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedules = db.ScanSchedules.AsNoTracking();
        if (query.ClientId is { } clientId)
        {
            schedules = schedules.Where(s => s.ClientId == clientId || db.Domains.Any(d => d.Id == s.DomainId && d.ClientId == clientId));
        }
        var total = await schedules.CountAsync(cancellationToken);
        var rows = await Project(db, schedules.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
                .Skip(Paging.Skip(query.Page, query.PageSize))
                .Take(Paging.Take(query.PageSize)))
            .ToListAsync(cancellationToken);
        var timeZone = await TimeZoneOfAsync(db, member.OrganizationId, cancellationToken);
        return new PagedResult<ScheduleSummary>(rows.Select(r => Summarize(r, timeZone)).ToList(), total);
    }

    /// <summary>The organization's time zone id, in which every schedule's time of day is read.</summary>
    public async Task<string> GetTimeZoneAsync(CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await TimeZoneOfAsync(db, member.OrganizationId, cancellationToken)).Id;
    }

    /// <summary>The schedule, or null when it does not exist in the member's organization.</summary>
    public async Task<ScheduleSummary?> GetAsync(Guid scheduleId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await SummaryAsync(db, member.OrganizationId, scheduleId, cancellationToken);
    }

    public async Task<ScheduleSummary> CreateAsync(ScheduleInput input, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageSchedules, cancellationToken);
        Validate(input);
        await planGuard.EnsureScheduleAllowedAsync(input.Cadence, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var targetName = await TargetNameAsync(db, input.ClientId, input.DomainId, cancellationToken);
        var now = time.GetUtcNow();
        var schedule = new ScanSchedule
        {
            ClientId = input.ClientId,
            DomainId = input.DomainId,
            Enabled = input.Enabled,
            CreatedByUserId = member.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        schedule.SetTiming(input.Timing);
        db.ScanSchedules.Add(schedule);
        audit.Record(db, member, "schedule.created", EntityType, schedule.Id.ToString(),
            $"Scheduled scans of {targetName}: {ScheduleRules.Describe(schedule.Timing)}{(schedule.Enabled ? "" : " (paused)")}.");
        await db.SaveChangesAsync(cancellationToken);
        var timeZone = await TimeZoneOfAsync(db, member.OrganizationId, cancellationToken);
        await triggers.SyncAsync(schedule, timeZone, cancellationToken);
        return await SummaryAsync(db, member.OrganizationId, schedule.Id, cancellationToken) ?? throw Missing();
    }

    public async Task<ScheduleSummary> UpdateAsync(Guid scheduleId, ScheduleInput input, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageSchedules, cancellationToken);
        Validate(input);
        await planGuard.EnsureScheduleAllowedAsync(input.Cadence, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedule = await FindAsync(db, scheduleId, cancellationToken);
        var targetName = await TargetNameAsync(db, input.ClientId, input.DomainId, cancellationToken);
        var before = ScheduleRules.Describe(schedule.Timing);
        schedule.ClientId = input.ClientId;
        schedule.DomainId = input.DomainId;
        schedule.Enabled = input.Enabled;
        schedule.SetTiming(input.Timing);
        schedule.UpdatedAt = time.GetUtcNow();
        audit.Record(db, member, "schedule.updated", EntityType, schedule.Id.ToString(),
            $"Updated the schedule of {targetName}: {ScheduleRules.Describe(schedule.Timing)} (was {before}){(schedule.Enabled ? "" : ", paused")}.");
        await db.SaveChangesAsync(cancellationToken);
        var timeZone = await TimeZoneOfAsync(db, member.OrganizationId, cancellationToken);
        await triggers.SyncAsync(schedule, timeZone, cancellationToken);
        return await SummaryAsync(db, member.OrganizationId, schedule.Id, cancellationToken) ?? throw Missing();
    }

    /// <summary>Pauses (false) or resumes (true) the schedule; a paused schedule keeps its Quartz trigger, paused.</summary>
    public async Task<ScheduleSummary> SetEnabledAsync(Guid scheduleId, bool enabled, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageSchedules, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedule = await FindAsync(db, scheduleId, cancellationToken);
        if (enabled && !schedule.Enabled)
        {
            // Pausing is always allowed; resuming must fit the plan as creating would.
            await planGuard.EnsureScheduleAllowedAsync(schedule.Cadence, cancellationToken);
        }
        if (schedule.Enabled != enabled)
        {
            schedule.Enabled = enabled;
            schedule.UpdatedAt = time.GetUtcNow();
            var targetName = await TargetNameAsync(db, schedule.ClientId, schedule.DomainId, cancellationToken);
            audit.Record(db, member, enabled ? "schedule.resumed" : "schedule.paused", EntityType, schedule.Id.ToString(),
                $"{(enabled ? "Resumed" : "Paused")} the schedule of {targetName} ({ScheduleRules.Describe(schedule.Timing)}).");
            await db.SaveChangesAsync(cancellationToken);
        }
        var timeZone = await TimeZoneOfAsync(db, member.OrganizationId, cancellationToken);
        await triggers.SyncAsync(schedule, timeZone, cancellationToken);
        return await SummaryAsync(db, member.OrganizationId, schedule.Id, cancellationToken) ?? throw Missing();
    }

    public async Task DeleteAsync(Guid scheduleId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageSchedules, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedule = await FindAsync(db, scheduleId, cancellationToken);
        var targetName = await TargetNameAsync(db, schedule.ClientId, schedule.DomainId, cancellationToken);
        db.ScanSchedules.Remove(schedule);
        audit.Record(db, member, "schedule.deleted", EntityType, schedule.Id.ToString(),
            $"Deleted the schedule of {targetName} ({ScheduleRules.Describe(schedule.Timing)}).");
        await db.SaveChangesAsync(cancellationToken);
        await triggers.RemoveAsync(schedule.Id, cancellationToken);
    }

    /// <summary>
    /// Rewrites every Quartz trigger of the organization from the table: after its time zone changed, or to repair
    /// triggers lost or left behind. Returns how many schedules were synchronised.
    /// </summary>
    public async Task<int> ResyncAsync(CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageSchedules, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var timeZone = await TimeZoneOfAsync(db, member.OrganizationId, cancellationToken);
        var schedules = await db.ScanSchedules.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var schedule in schedules)
        {
            await triggers.SyncAsync(schedule, timeZone, cancellationToken);
        }
        return schedules.Count;
    }

    private static void Validate(ScheduleInput input)
    {
        var problems = ScheduleRules.Validate(input.ClientId, input.DomainId, input.Timing);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(string.Join(" ", problems));
        }
    }

    /// <summary>The target's name; the tenant filter makes another organization's client or domain "not found".</summary>
    private static async Task<string> TargetNameAsync(AppDbContext db, Guid? clientId, Guid? domainId, CancellationToken cancellationToken)
    {
        if (clientId is not null)
        {
            return await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ValidationFailedException("That client does not exist (it may have been deleted).");
        }
        return await db.Domains.Where(d => d.Id == domainId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ValidationFailedException("That domain does not exist (it may have been deleted).");
    }

    private static async Task<ScanSchedule> FindAsync(AppDbContext db, Guid scheduleId, CancellationToken cancellationToken) =>
        await db.ScanSchedules.SingleOrDefaultAsync(s => s.Id == scheduleId, cancellationToken) ?? throw Missing();

    private static ValidationFailedException Missing() => new("That schedule does not exist (it may have been deleted).");

    internal static async Task<TimeZoneInfo> TimeZoneOfAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        var id = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.TimeZone).SingleAsync(cancellationToken);
        try
        {
            return ScheduleRules.FindTimeZone(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ValidationFailedException($"The organization's time zone \"{id}\" is unknown; choose another in the settings.");
        }
    }

    private async Task<ScheduleSummary?> SummaryAsync(AppDbContext db, Guid organizationId, Guid scheduleId, CancellationToken cancellationToken)
    {
        var row = await Project(db, db.ScanSchedules.AsNoTracking().Where(s => s.Id == scheduleId)).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : Summarize(row, await TimeZoneOfAsync(db, organizationId, cancellationToken));
    }

    private static IQueryable<ScheduleRow> Project(AppDbContext db, IQueryable<ScanSchedule> schedules) =>
        schedules.Select(s => new ScheduleRow(
            s,
            s.ClientId != null
                ? db.Clients.Where(c => c.Id == s.ClientId).Select(c => c.Name).FirstOrDefault()
                : db.Domains.Where(d => d.Id == s.DomainId).Select(d => d.DisplayName).FirstOrDefault(),
            db.Domains.Count(d => s.ClientId != null ? d.ClientId == s.ClientId : d.Id == s.DomainId)));

    private ScheduleSummary Summarize(ScheduleRow row, TimeZoneInfo timeZone)
    {
        var s = row.Schedule;
        DateTimeOffset? next = s.Enabled ? ScheduleRules.NextRunUtc(s.Timing, timeZone, time.GetUtcNow()) : null;
        return new ScheduleSummary(
            s.Id, s.ClientId, s.DomainId, row.TargetName ?? "(deleted)", row.DomainCount, s.Cadence, s.DayOfWeek, s.DayOfMonth,
            s.TimeOfDay, s.Enabled, timeZone.Id, next, next is { } utc ? TimeZoneInfo.ConvertTime(utc, timeZone) : null, s.CreatedAt);
    }

    private sealed record ScheduleRow(ScanSchedule Schedule, string? TargetName, int DomainCount);
}
