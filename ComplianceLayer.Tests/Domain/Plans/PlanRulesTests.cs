using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Domain.Schedules;

namespace ComplianceLayer.Tests.Domain.Plans;

public sealed class PlanRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromDays(7);

    private static PlanLimits Limits(ScheduleCadence finest = ScheduleCadence.Weekly, bool schedules = true, int history = 30) =>
        new(25, 500, history, schedules, finest, true, 60, 3, false);

    [Fact]
    public void UsagePeriodAt_IsTheCalendarMonthInUtc()
    {
        var period = PlanRules.UsagePeriodAt(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5)));   // 04:30 UTC on 1 Jan
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), period.ResetsAt);
    }

    [Theory]
    [InlineData(25, 24, 1, true)]
    [InlineData(25, 25, 1, false)]
    [InlineData(25, 20, 6, false)]
    [InlineData(null, 100000, 1, true)]
    [InlineData(0, 0, 1, false)]
    public void Allows_CountsAgainstTheLimit(int? limit, int used, int adding, bool allowed) =>
        Assert.Equal(allowed, PlanRules.Allows(limit, used, adding));

    [Fact]
    public void Remaining_NeverNegative_AndNullWithoutALimit()
    {
        Assert.Equal(0, PlanRules.Remaining(2, 5));
        Assert.Equal(3, PlanRules.Remaining(5, 2));
        Assert.Null(PlanRules.Remaining(null, 5));
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active, null, null, false)]
    [InlineData(SubscriptionStatus.Trialing, 1, null, false)]
    [InlineData(SubscriptionStatus.Trialing, -1, null, true)]
    [InlineData(SubscriptionStatus.Trialing, null, null, false)]   // organizations from before trials had an end
    [InlineData(SubscriptionStatus.PastDue, 30, -6, false)]
    [InlineData(SubscriptionStatus.PastDue, 30, -7, true)]
    [InlineData(SubscriptionStatus.PastDue, 30, null, false)]
    [InlineData(SubscriptionStatus.Canceled, 2, null, false)]
    [InlineData(SubscriptionStatus.Canceled, 0, null, true)]
    [InlineData(SubscriptionStatus.Canceled, null, null, true)]
    public void IsReadOnly_FollowsStatusPeriodEndAndGrace(SubscriptionStatus status, int? periodEndDays, int? pastDueDays, bool readOnly)
    {
        var state = new BillingState(status, periodEndDays is { } e ? Now.AddDays(e) : null, pastDueDays is { } p ? Now.AddDays(p) : null);
        Assert.Equal(readOnly, PlanRules.IsReadOnly(state, Now, Grace));
    }

    [Theory]
    [InlineData(ScheduleCadence.Weekly, ScheduleCadence.Daily, false)]
    [InlineData(ScheduleCadence.Weekly, ScheduleCadence.Weekly, true)]
    [InlineData(ScheduleCadence.Weekly, ScheduleCadence.Monthly, true)]
    [InlineData(ScheduleCadence.Daily, ScheduleCadence.Daily, true)]
    [InlineData(ScheduleCadence.Monthly, ScheduleCadence.Weekly, false)]
    public void AllowsCadence_UpToTheFinest(ScheduleCadence finest, ScheduleCadence requested, bool allowed) =>
        Assert.Equal(allowed, PlanRules.AllowsCadence(Limits(finest), requested));

    [Fact]
    public void AllowsCadence_PlanWithoutSchedules_AllowsNone() =>
        Assert.False(PlanRules.AllowsCadence(Limits(ScheduleCadence.Daily, schedules: false), ScheduleCadence.Monthly));

    [Fact]
    public void Catalog_UnknownPlan_GetsTheShortestHistoryWindow_AndPricesFindTheirPlan()
    {
        var catalog = new PlanCatalog(
        [
            new PlanDefinition("trial", "Trial", null, null, null, 14, Limits(history: 30)),
            new PlanDefinition("pro", "Pro", null, "price_pro_m", "price_pro_y", 0, Limits(history: 365)),
        ], "trial");

        Assert.Equal(TimeSpan.FromDays(30), catalog.ScanHistoryWindow("no-such-plan"));
        Assert.Equal(TimeSpan.FromDays(365), catalog.ScanHistoryWindow("PRO"));
        Assert.Equal(Now.AddDays(-365), catalog.ScanHistoryCutoff("pro", Now));
        Assert.Equal("pro", catalog.FindByPriceId("price_pro_y")!.Code);
        Assert.Null(catalog.FindByPriceId("price_other"));
        Assert.Equal("trial", catalog.NewOrganizationPlan.Code);
        Assert.Throws<ArgumentException>(() => new PlanCatalog(catalog.Plans, "missing"));
    }
}
