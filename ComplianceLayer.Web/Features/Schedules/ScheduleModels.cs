using ComplianceLayer.Domain.Schedules;

namespace ComplianceLayer.Web.Features.Schedules;

/// <summary>The create/edit form: a client or a domain, and when to scan it (local time of the organization).</summary>
public sealed record ScheduleInput(
    Guid? ClientId,
    Guid? DomainId,
    ScheduleCadence Cadence,
    DayOfWeek? DayOfWeek,
    int? DayOfMonth,
    TimeOnly TimeOfDay,
    bool Enabled = true)
{
    public ScheduleTiming Timing => new(Cadence, DayOfWeek, DayOfMonth, TimeOfDay);
}

/// <summary>Which schedules a list shows: all of the organization's, or those of one client (its own and its domains').</summary>
public sealed record ScheduleListQuery(Guid? ClientId = null, int Page = 0, int PageSize = 25);

/// <summary>A schedule as lists and dialogs show it; the next run is computed in the organization's time zone.</summary>
public sealed record ScheduleSummary(
    Guid Id,
    Guid? ClientId,
    Guid? DomainId,
    string TargetName,
    int DomainCount,
    ScheduleCadence Cadence,
    DayOfWeek? DayOfWeek,
    int? DayOfMonth,
    TimeOnly TimeOfDay,
    bool Enabled,
    string TimeZone,
    DateTimeOffset? NextRunUtc,
    DateTimeOffset? NextRunLocal,
    DateTimeOffset CreatedAt)
{
    public ScheduleTiming Timing => new(Cadence, DayOfWeek, DayOfMonth, TimeOfDay);

    public string Description => ScheduleRules.Describe(Timing);

    public string TargetDescription => ClientId is not null
        ? $"{TargetName} (client, {DomainCount} {(DomainCount == 1 ? "domain" : "domains")})"
        : TargetName;

    public ScheduleInput ToInput() => new(ClientId, DomainId, Cadence, DayOfWeek, DayOfMonth, TimeOfDay, Enabled);
}

/// <summary>What one firing of a schedule did.</summary>
public enum ScheduledRunStatus
{
    /// <summary>The schedule no longer exists (deleted, or cascaded away with its client or domain).</summary>
    Missing,

    /// <summary>The schedule is paused: nothing was requested.</summary>
    Disabled,

    /// <summary>The plan or subscription state refused every scan (read-only, no schedules, cadence, quota used up).</summary>
    Refused,

    Requested,
}

/// <summary>The outcome of a firing: how many domains, how many new scans, over what window they were spread.</summary>
/// <param name="PlanRefusal">Why the plan stopped some or all scans (also written to the audit log); null when it did not.</param>
public sealed record ScheduledRun(ScheduledRunStatus Status, int Domains, int Queued, TimeSpan Window, string? PlanRefusal = null);
