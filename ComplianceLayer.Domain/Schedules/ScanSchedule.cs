using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Schedules;

/// <summary>
/// A recurring scan of one client (all of its domains at the time it fires) or of one domain: exactly one of
/// <see cref="ClientId"/> and <see cref="DomainId"/> is set. <see cref="ScheduleRules"/> validates it and says when it runs.
/// </summary>
public sealed class ScanSchedule : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid? ClientId { get; set; }

    public Guid? DomainId { get; set; }

    public ScheduleCadence Cadence { get; set; }

    /// <summary>For <see cref="ScheduleCadence.Weekly"/> only.</summary>
    public DayOfWeek? DayOfWeek { get; set; }

    /// <summary>For <see cref="ScheduleCadence.Monthly"/> only: 1–28 or <see cref="ScheduleRules.LastDayOfMonth"/>.</summary>
    public int? DayOfMonth { get; set; }

    /// <summary>Local time in the organization's time zone.</summary>
    public TimeOnly TimeOfDay { get; set; }

    public bool Enabled { get; set; } = true;

    public string? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ScheduleTiming Timing => new(Cadence, DayOfWeek, DayOfMonth, TimeOfDay);

    public void SetTiming(ScheduleTiming timing)
    {
        Cadence = timing.Cadence;
        DayOfWeek = timing.Cadence == ScheduleCadence.Weekly ? timing.DayOfWeek : null;
        DayOfMonth = timing.Cadence == ScheduleCadence.Monthly ? timing.DayOfMonth : null;
        TimeOfDay = timing.TimeOfDay;
    }
}
