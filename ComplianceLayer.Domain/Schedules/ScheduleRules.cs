using System.Globalization;

namespace ComplianceLayer.Domain.Schedules;

/// <summary>
/// The rules of a scan schedule in one place: what a valid schedule is, when it next runs in the organization's
/// time zone (daylight-saving gaps and overlaps included), the Quartz cron expression that mirrors it, and its words.
/// </summary>
public static class ScheduleRules
{
    /// <summary>The <see cref="ScanSchedule.DayOfMonth"/> that means "the last day of each month".</summary>
    public const int LastDayOfMonth = -1;

    /// <summary>Days 29–31 do not exist in every month, so a fixed day stops at 28; "last day" covers month ends.</summary>
    public const int MaxDayOfMonth = 28;

    /// <summary>Why days 29–31 are not offered, for the UI and for validation messages.</summary>
    public const string DayOfMonthExplanation =
        "Days 29–31 do not exist in every month (February has 28 days most years), so pick 1–28, or \"last day\" to scan at every month's end.";

    /// <summary>The problems with a schedule, in the order a form shows them; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(Guid? clientId, Guid? domainId, ScheduleTiming timing)
    {
        var problems = new List<string>();
        if (clientId is null && domainId is null)
        {
            problems.Add("Choose a client or a domain to scan.");
        }
        else if (clientId is not null && domainId is not null)
        {
            problems.Add("A schedule scans either a client (all its domains) or one domain, not both.");
        }
        switch (timing.Cadence)
        {
            case ScheduleCadence.Daily:
                break;
            case ScheduleCadence.Weekly when timing.DayOfWeek is null:
                problems.Add("Choose the day of the week for a weekly schedule.");
                break;
            case ScheduleCadence.Weekly when !Enum.IsDefined(timing.DayOfWeek.Value):
                problems.Add($"{(int)timing.DayOfWeek.Value} is not a day of the week.");
                break;
            case ScheduleCadence.Weekly:
                break;
            case ScheduleCadence.Monthly when timing.DayOfMonth is null:
                problems.Add("Choose the day of the month for a monthly schedule.");
                break;
            case ScheduleCadence.Monthly when timing.DayOfMonth is not LastDayOfMonth and (< 1 or > MaxDayOfMonth):
                problems.Add($"Day {timing.DayOfMonth} cannot be used. {DayOfMonthExplanation}");
                break;
            case ScheduleCadence.Monthly:
                break;
            default:
                problems.Add("Choose how often to scan: daily, weekly or monthly.");
                break;
        }
        if (timing.TimeOfDay.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add("The time of day must be in whole seconds.");
        }
        return problems;
    }

    /// <summary>An IANA (or Windows) time zone id as a <see cref="TimeZoneInfo"/>; throws when the id is unknown.</summary>
    public static TimeZoneInfo FindTimeZone(string timeZoneId) => TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    /// <summary>The first run strictly after <paramref name="afterUtc"/>, in UTC.</summary>
    public static DateTimeOffset NextRunUtc(ScanSchedule schedule, string timeZoneId, DateTimeOffset afterUtc) =>
        NextRunUtc(schedule.Timing, FindTimeZone(timeZoneId), afterUtc);

    /// <summary>
    /// The first run strictly after <paramref name="afterUtc"/>, in UTC. A local time that the clock skips (spring
    /// forward) runs when the clock jumps, at the end of the gap (02:30 → 03:00 in Amsterdam); a local time that occurs
    /// twice (fall back) runs once, at its first occurrence.
    /// </summary>
    public static DateTimeOffset NextRunUtc(ScheduleTiming timing, TimeZoneInfo timeZone, DateTimeOffset afterUtc)
    {
        // Start a day early: the run of "yesterday" in local terms can still be ahead of afterUtc around offsets.
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(afterUtc, timeZone).DateTime).AddDays(-1);
        for (var i = 0; i < 800; i++, date = date.AddDays(1))
        {
            if (!RunsOn(timing, date))
            {
                continue;
            }
            var run = LocalToUtc(date.ToDateTime(timing.TimeOfDay, DateTimeKind.Unspecified), timeZone);
            if (run > afterUtc)
            {
                return run;
            }
        }
        throw new InvalidOperationException($"The schedule {Describe(timing)} never runs.");
    }

    /// <summary>The Quartz cron expression (seconds first) of the schedule, to be evaluated in the organization's time zone.</summary>
    public static string CronExpression(ScheduleTiming timing)
    {
        var time = string.Create(CultureInfo.InvariantCulture, $"{timing.TimeOfDay.Second} {timing.TimeOfDay.Minute} {timing.TimeOfDay.Hour}");
        return timing.Cadence switch
        {
            ScheduleCadence.Daily => $"{time} * * ?",
            ScheduleCadence.Weekly => $"{time} ? * {CronDay(timing.DayOfWeek ?? throw Invalid(timing))}",
            ScheduleCadence.Monthly when timing.DayOfMonth == LastDayOfMonth => $"{time} L * ?",
            ScheduleCadence.Monthly => string.Create(CultureInfo.InvariantCulture, $"{time} {timing.DayOfMonth ?? throw Invalid(timing)} * ?"),
            _ => throw Invalid(timing),
        };
    }

    /// <summary>"Every day at 02:30", "Every Monday at 02:30", "Monthly on the 15th at 02:30", "Monthly on the last day at 02:30".</summary>
    public static string Describe(ScheduleTiming timing)
    {
        var at = "at " + FormatTime(timing.TimeOfDay);
        return timing.Cadence switch
        {
            ScheduleCadence.Daily => $"Every day {at}",
            ScheduleCadence.Weekly => $"Every {timing.DayOfWeek} {at}",
            ScheduleCadence.Monthly when timing.DayOfMonth == LastDayOfMonth => $"Monthly on the last day {at}",
            ScheduleCadence.Monthly => $"Monthly on the {Ordinal(timing.DayOfMonth ?? 0)} {at}",
            _ => timing.Cadence.ToString(),
        };
    }

    /// <summary>"02:30", or "02:30:15" when the time has seconds.</summary>
    public static string FormatTime(TimeOnly time) =>
        time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"1st", "2nd", "3rd", "4th", "11th", "21st", "22nd", "28th".</summary>
    public static string Ordinal(int day)
    {
        var suffix = (day % 100) is 11 or 12 or 13 ? "th" : (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return day.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    private static bool RunsOn(ScheduleTiming timing, DateOnly date) => timing.Cadence switch
    {
        ScheduleCadence.Daily => true,
        ScheduleCadence.Weekly => date.DayOfWeek == timing.DayOfWeek,
        ScheduleCadence.Monthly when timing.DayOfMonth == LastDayOfMonth => date.Day == DateTime.DaysInMonth(date.Year, date.Month),
        ScheduleCadence.Monthly => date.Day == timing.DayOfMonth,
        _ => throw Invalid(timing),
    };

    private static DateTimeOffset LocalToUtc(DateTime local, TimeZoneInfo timeZone)
    {
        if (timeZone.IsInvalidTime(local))
        {
            // Skipped by the clock: run at the moment of the jump, which is the end of the gap in local time.
            var gapStart = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
            while (timeZone.IsInvalidTime(gapStart.AddMinutes(-1)))
            {
                gapStart = gapStart.AddMinutes(-1);
            }
            var offsetBefore = timeZone.GetUtcOffset(gapStart.AddMinutes(-1));
            return new DateTimeOffset(gapStart - offsetBefore, TimeSpan.Zero);
        }
        if (timeZone.IsAmbiguousTime(local))
        {
            // Occurs twice: the larger offset is the earlier instant, so the schedule runs once, the first time.
            var offset = timeZone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local - offset, TimeSpan.Zero);
        }
        return new DateTimeOffset(local - timeZone.GetUtcOffset(local), TimeSpan.Zero);
    }

    private static string CronDay(DayOfWeek day) => day.ToString()[..3].ToUpperInvariant();

    private static InvalidOperationException Invalid(ScheduleTiming timing) =>
        new($"Invalid schedule timing {timing}; validate it with ScheduleRules.Validate first.");
}
