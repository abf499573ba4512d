namespace ComplianceLayer.Domain.Schedules;

/// <summary>
/// When a schedule runs, in the organization's local time: every day, on one day of the week, or on one day of the
/// month (1–28, or <see cref="ScheduleRules.LastDayOfMonth"/>), at <see cref="TimeOfDay"/>.
/// </summary>
public sealed record ScheduleTiming(ScheduleCadence Cadence, DayOfWeek? DayOfWeek, int? DayOfMonth, TimeOnly TimeOfDay)
{
    public static ScheduleTiming Daily(TimeOnly timeOfDay) => new(ScheduleCadence.Daily, null, null, timeOfDay);

    public static ScheduleTiming Weekly(DayOfWeek day, TimeOnly timeOfDay) => new(ScheduleCadence.Weekly, day, null, timeOfDay);

    public static ScheduleTiming Monthly(int day, TimeOnly timeOfDay) => new(ScheduleCadence.Monthly, null, day, timeOfDay);
}
