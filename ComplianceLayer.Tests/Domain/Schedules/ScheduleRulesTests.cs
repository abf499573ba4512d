using ComplianceLayer.Domain.Schedules;
using Quartz;

namespace ComplianceLayer.Tests.Domain.Schedules;

public sealed class ScheduleRulesTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeOnly HalfPastTwo = new(2, 30);
    private static readonly string[] QuartzParses = ["0 30 2 * * ?", "0 0 9 ? * MON", "0 45 23 28 * ?", "0 0 1 L * ?"];

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void NextRunUtc_Daily_SameDayWhenTheTimeIsAhead_NextDayWhenPassed()
    {
        var daily = ScheduleTiming.Daily(new TimeOnly(9, 0));
        // January: Amsterdam is UTC+1.
        Assert.Equal(Utc("2026-01-10T08:00:00Z"), ScheduleRules.NextRunUtc(daily, Amsterdam, Utc("2026-01-10T07:59:00Z")));
        Assert.Equal(Utc("2026-01-11T08:00:00Z"), ScheduleRules.NextRunUtc(daily, Amsterdam, Utc("2026-01-10T08:00:00Z")));
    }

    [Fact]
    public void NextRunUtc_DailyInSpringForwardGap_Amsterdam_RunsAtThreeLocal()
    {
        // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC); 02:30 does not exist.
        var daily = ScheduleTiming.Daily(HalfPastTwo);
        var run = ScheduleRules.NextRunUtc(daily, Amsterdam, Utc("2026-03-28T12:00:00Z"));
        Assert.Equal(Utc("2026-03-29T01:00:00Z"), run);
        Assert.Equal(new DateTime(2026, 3, 29, 3, 0, 0), TimeZoneInfo.ConvertTime(run, Amsterdam).DateTime);
        Assert.Equal(Utc("2026-03-30T00:30:00Z"), ScheduleRules.NextRunUtc(daily, Amsterdam, run));
    }

    [Fact]
    public void NextRunUtc_DailyInFallBackOverlap_Amsterdam_RunsOnceAtTheFirstOccurrence()
    {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30 UTC and again at 01:30 UTC.
        var daily = ScheduleTiming.Daily(HalfPastTwo);
        var first = ScheduleRules.NextRunUtc(daily, Amsterdam, Utc("2026-10-24T12:00:00Z"));
        Assert.Equal(Utc("2026-10-25T00:30:00Z"), first);
        var second = ScheduleRules.NextRunUtc(daily, Amsterdam, first);
        Assert.Equal(Utc("2026-10-26T01:30:00Z"), second);
    }

    [Fact]
    public void NextRunUtc_DailyAcrossDst_NewYork_GapAndOverlap()
    {
        // 8 March 2026: 02:00 EST → 03:00 EDT (07:00 UTC). 1 November 2026: 02:00 EDT → 01:00 EST (06:00 UTC).
        var daily = ScheduleTiming.Daily(HalfPastTwo);
        Assert.Equal(Utc("2026-03-08T07:00:00Z"), ScheduleRules.NextRunUtc(daily, NewYork, Utc("2026-03-07T12:00:00Z")));
        Assert.Equal(Utc("2026-03-09T06:30:00Z"), ScheduleRules.NextRunUtc(daily, NewYork, Utc("2026-03-08T07:00:00Z")));

        var halfPastOne = ScheduleTiming.Daily(new TimeOnly(1, 30));
        var first = ScheduleRules.NextRunUtc(halfPastOne, NewYork, Utc("2026-10-31T12:00:00Z"));
        Assert.Equal(Utc("2026-11-01T05:30:00Z"), first); // 01:30 EDT
        Assert.Equal(Utc("2026-11-02T06:30:00Z"), ScheduleRules.NextRunUtc(halfPastOne, NewYork, first)); // not 01:30 EST on the 1st
    }

    [Fact]
    public void NextRunUtc_Daily_KeepsLocalTimeAcrossTheChange()
    {
        var daily = ScheduleTiming.Daily(new TimeOnly(9, 0));
        Assert.Equal(Utc("2026-03-28T08:00:00Z"), ScheduleRules.NextRunUtc(daily, Amsterdam, Utc("2026-03-28T00:00:00Z")));
        Assert.Equal(Utc("2026-03-29T07:00:00Z"), ScheduleRules.NextRunUtc(daily, Amsterdam, Utc("2026-03-28T08:00:00Z")));
    }

    [Fact]
    public void NextRunUtc_Weekly_NextMatchingDay()
    {
        var mondays = ScheduleTiming.Weekly(DayOfWeek.Monday, new TimeOnly(9, 0));
        // Wednesday 7 January 2026 → Monday 12 January, 09:00 CET.
        Assert.Equal(Utc("2026-01-12T08:00:00Z"), ScheduleRules.NextRunUtc(mondays, Amsterdam, Utc("2026-01-07T10:00:00Z")));
        // On the Monday itself, after 09:00: the next Monday.
        Assert.Equal(Utc("2026-01-19T08:00:00Z"), ScheduleRules.NextRunUtc(mondays, Amsterdam, Utc("2026-01-12T08:00:00Z")));
    }

    [Fact]
    public void NextRunUtc_WeeklyOnTheSpringForwardSunday_NewYork_RunsAtThreeLocal()
    {
        var sundays = ScheduleTiming.Weekly(DayOfWeek.Sunday, new TimeOnly(2, 15));
        Assert.Equal(Utc("2026-03-08T07:00:00Z"), ScheduleRules.NextRunUtc(sundays, NewYork, Utc("2026-03-02T00:00:00Z")));
        Assert.Equal(Utc("2026-03-15T06:15:00Z"), ScheduleRules.NextRunUtc(sundays, NewYork, Utc("2026-03-08T07:00:00Z")));
    }

    [Fact]
    public void NextRunUtc_Monthly_FixedDay_AndLastDay()
    {
        var fifteenth = ScheduleTiming.Monthly(15, new TimeOnly(6, 0));
        Assert.Equal(Utc("2026-02-15T11:00:00Z"), ScheduleRules.NextRunUtc(fifteenth, NewYork, Utc("2026-01-20T00:00:00Z")));
        Assert.Equal(Utc("2026-04-15T10:00:00Z"), ScheduleRules.NextRunUtc(fifteenth, NewYork, Utc("2026-03-15T10:00:00Z"))); // EDT now

        var lastDay = ScheduleTiming.Monthly(ScheduleRules.LastDayOfMonth, new TimeOnly(23, 0));
        Assert.Equal(Utc("2026-02-28T22:00:00Z"), ScheduleRules.NextRunUtc(lastDay, Amsterdam, Utc("2026-02-01T00:00:00Z")));
        Assert.Equal(Utc("2028-02-29T22:00:00Z"), ScheduleRules.NextRunUtc(lastDay, Amsterdam, Utc("2028-02-01T00:00:00Z")));
        Assert.Equal(Utc("2026-04-30T21:00:00Z"), ScheduleRules.NextRunUtc(lastDay, Amsterdam, Utc("2026-03-31T21:00:00Z")));
    }

    [Fact]
    public void NextRunUtc_ScheduleOverload_UsesTheTimeZoneId()
    {
        var schedule = new ScanSchedule { ClientId = Guid.NewGuid() };
        schedule.SetTiming(ScheduleTiming.Daily(HalfPastTwo));
        Assert.Equal(Utc("2026-03-29T01:00:00Z"), ScheduleRules.NextRunUtc(schedule, "Europe/Amsterdam", Utc("2026-03-28T12:00:00Z")));
    }

    public static TheoryData<string, string, string> DstCases() => new()
    {
        { "Europe/Amsterdam", "0 30 2 * * ?", "2026-03-28T12:00:00Z" },
        { "Europe/Amsterdam", "0 30 2 * * ?", "2026-10-24T12:00:00Z" },
        { "Europe/Amsterdam", "0 30 2 * * ?", "2026-10-25T00:30:00Z" },
        { "America/New_York", "0 30 2 * * ?", "2026-03-07T12:00:00Z" },
        { "America/New_York", "0 30 1 * * ?", "2026-11-01T05:30:00Z" },
        { "America/New_York", "0 15 2 ? * SUN", "2026-03-02T00:00:00Z" },
        { "America/New_York", "0 0 6 15 * ?", "2026-03-15T10:00:00Z" },
        { "Europe/Amsterdam", "0 0 23 L * ?", "2028-02-01T00:00:00Z" },
    };

    /// <summary>The next run the UI shows is the one the Quartz trigger fires, DST days included.</summary>
    [Theory]
    [MemberData(nameof(DstCases))]
    public void NextRunUtc_AgreesWithQuartzCronTrigger(string zone, string cron, string after)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var timing = TimingOf(cron);
        Assert.Equal(cron, ScheduleRules.CronExpression(timing));
        var quartz = new CronExpression(cron, timeZone);
        var start = Utc(after);
        for (var i = 0; i < 3; i++)
        {
            var expected = quartz.GetNextValidTimeAfter(start);
            var actual = ScheduleRules.NextRunUtc(timing, timeZone, start);
            Assert.Equal(expected, actual);
            start = actual;
        }
    }

    [Fact]
    public void CronExpression_ForEachCadence()
    {
        Assert.Equal("0 30 2 * * ?", ScheduleRules.CronExpression(ScheduleTiming.Daily(HalfPastTwo)));
        Assert.Equal("15 5 18 * * ?", ScheduleRules.CronExpression(ScheduleTiming.Daily(new TimeOnly(18, 5, 15))));
        Assert.Equal("0 0 9 ? * MON", ScheduleRules.CronExpression(ScheduleTiming.Weekly(DayOfWeek.Monday, new TimeOnly(9, 0))));
        Assert.Equal("0 0 9 ? * SAT", ScheduleRules.CronExpression(ScheduleTiming.Weekly(DayOfWeek.Saturday, new TimeOnly(9, 0))));
        Assert.Equal("0 45 23 28 * ?", ScheduleRules.CronExpression(ScheduleTiming.Monthly(28, new TimeOnly(23, 45))));
        Assert.Equal("0 0 1 L * ?", ScheduleRules.CronExpression(ScheduleTiming.Monthly(ScheduleRules.LastDayOfMonth, new TimeOnly(1, 0))));
        Assert.All(QuartzParses, e => Assert.Equal(e, new CronExpression(e).CronExpressionString));
    }

    [Fact]
    public void Validate_ValidSchedules_HaveNoProblems()
    {
        Assert.Empty(ScheduleRules.Validate(Guid.NewGuid(), null, ScheduleTiming.Daily(HalfPastTwo)));
        Assert.Empty(ScheduleRules.Validate(null, Guid.NewGuid(), ScheduleTiming.Weekly(DayOfWeek.Friday, HalfPastTwo)));
        Assert.Empty(ScheduleRules.Validate(null, Guid.NewGuid(), ScheduleTiming.Monthly(1, HalfPastTwo)));
        Assert.Empty(ScheduleRules.Validate(null, Guid.NewGuid(), ScheduleTiming.Monthly(28, HalfPastTwo)));
        Assert.Empty(ScheduleRules.Validate(null, Guid.NewGuid(), ScheduleTiming.Monthly(ScheduleRules.LastDayOfMonth, HalfPastTwo)));
    }

    [Fact]
    public void Validate_Target_NeitherOrBoth_IsRefusedClearly()
    {
        Assert.Equal(["Choose a client or a domain to scan."], ScheduleRules.Validate(null, null, ScheduleTiming.Daily(HalfPastTwo)));
        Assert.Equal(["A schedule scans either a client (all its domains) or one domain, not both."],
            ScheduleRules.Validate(Guid.NewGuid(), Guid.NewGuid(), ScheduleTiming.Daily(HalfPastTwo)));
    }

    [Fact]
    public void Validate_Days_MissingOrOutOfRange_IsRefusedClearly()
    {
        var client = Guid.NewGuid();
        Assert.Equal(["Choose the day of the week for a weekly schedule."],
            ScheduleRules.Validate(client, null, new ScheduleTiming(ScheduleCadence.Weekly, null, null, HalfPastTwo)));
        Assert.Equal(["Choose the day of the month for a monthly schedule."],
            ScheduleRules.Validate(client, null, new ScheduleTiming(ScheduleCadence.Monthly, null, null, HalfPastTwo)));
        foreach (var day in new[] { 0, 29, 30, 31, -2 })
        {
            var problem = Assert.Single(ScheduleRules.Validate(client, null, ScheduleTiming.Monthly(day, HalfPastTwo)));
            Assert.StartsWith($"Day {day} cannot be used. Days 29–31 do not exist in every month", problem, StringComparison.Ordinal);
        }
        Assert.Equal(["Choose how often to scan: daily, weekly or monthly."],
            ScheduleRules.Validate(client, null, new ScheduleTiming((ScheduleCadence)7, null, null, HalfPastTwo)));
        Assert.Equal(["9 is not a day of the week."],
            ScheduleRules.Validate(client, null, ScheduleTiming.Weekly((DayOfWeek)9, HalfPastTwo)));
        Assert.Equal(["The time of day must be in whole seconds."],
            ScheduleRules.Validate(client, null, ScheduleTiming.Daily(new TimeOnly(2, 30, 0, 500))));
    }

    [Fact]
    public void Describe_SaysTheCadenceInWords()
    {
        Assert.Equal("Every day at 02:30", ScheduleRules.Describe(ScheduleTiming.Daily(HalfPastTwo)));
        Assert.Equal("Every Monday at 09:00", ScheduleRules.Describe(ScheduleTiming.Weekly(DayOfWeek.Monday, new TimeOnly(9, 0))));
        Assert.Equal("Monthly on the 1st at 09:00", ScheduleRules.Describe(ScheduleTiming.Monthly(1, new TimeOnly(9, 0))));
        Assert.Equal("Monthly on the 22nd at 09:00", ScheduleRules.Describe(ScheduleTiming.Monthly(22, new TimeOnly(9, 0))));
        Assert.Equal("Monthly on the 13th at 09:00:15", ScheduleRules.Describe(ScheduleTiming.Monthly(13, new TimeOnly(9, 0, 15))));
        Assert.Equal("Monthly on the last day at 23:00", ScheduleRules.Describe(ScheduleTiming.Monthly(ScheduleRules.LastDayOfMonth, new TimeOnly(23, 0))));
    }

    [Fact]
    public void SetTiming_ClearsDaysThatTheCadenceDoesNotUse()
    {
        var schedule = new ScanSchedule();
        schedule.SetTiming(new ScheduleTiming(ScheduleCadence.Daily, DayOfWeek.Monday, 5, HalfPastTwo));
        Assert.Null(schedule.DayOfWeek);
        Assert.Null(schedule.DayOfMonth);
    }

    private static ScheduleTiming TimingOf(string cron)
    {
        var parts = cron.Split(' ');
        var time = new TimeOnly(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        if (parts[5] != "?")
        {
            var day = Enum.GetValues<DayOfWeek>().Single(d => d.ToString()[..3].Equals(parts[5], StringComparison.OrdinalIgnoreCase));
            return ScheduleTiming.Weekly(day, time);
        }
        return parts[3] switch
        {
            "*" => ScheduleTiming.Daily(time),
            "L" => ScheduleTiming.Monthly(ScheduleRules.LastDayOfMonth, time),
            var d => ScheduleTiming.Monthly(int.Parse(d, System.Globalization.CultureInfo.InvariantCulture), time),
        };
    }
}
