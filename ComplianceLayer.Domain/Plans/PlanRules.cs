using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Schedules;

namespace ComplianceLayer.Domain.Plans;

/// <summary>An organization's subscription facts that decide whether it may still change anything.</summary>
public sealed record BillingState(SubscriptionStatus Status, DateTimeOffset? CurrentPeriodEnd, DateTimeOffset? PastDueSince);

/// <summary>A usage period: scans are counted from <see cref="Start"/> until the quota resets at <see cref="ResetsAt"/>.</summary>
public sealed record UsagePeriod(DateTimeOffset Start, DateTimeOffset ResetsAt);

/// <summary>
/// The plan rules in one place, without I/O: counts against limits, the usage period (the calendar month in UTC, for
/// every plan, so that "resets on the 1st" means the same thing everywhere), read-only states and schedule cadences.
/// </summary>
public static class PlanRules
{
    /// <summary>The calendar month (UTC) that contains <paramref name="now"/>.</summary>
    public static UsagePeriod UsagePeriodAt(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new UsagePeriod(start, start.AddMonths(1));
    }

    /// <summary>Whether <paramref name="adding"/> more fit under <paramref name="limit"/> (null = no limit) with <paramref name="used"/> used.</summary>
    public static bool Allows(int? limit, int used, int adding = 1) => limit is null || used + adding <= limit;

    /// <summary>How many more fit under the limit; null when there is no limit.</summary>
    public static int? Remaining(int? limit, int used) => limit is null ? null : Math.Max(0, limit.Value - used);

    /// <summary>
    /// The moment from which the organization is read-only (it may view and export, not add or scan), or null when it
    /// is not going to be: a trial at its end, past_due after the grace period, canceled at the end of the paid period.
    /// </summary>
    public static DateTimeOffset? ReadOnlyFrom(BillingState state, TimeSpan gracePeriod)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Status switch
        {
            SubscriptionStatus.Trialing => state.CurrentPeriodEnd,
            SubscriptionStatus.PastDue => state.PastDueSince + gracePeriod,
            // A canceled subscription without a known period end has nothing paid left.
            SubscriptionStatus.Canceled => state.CurrentPeriodEnd ?? DateTimeOffset.MinValue,
            _ => null,
        };
    }

    public static bool IsReadOnly(BillingState state, DateTimeOffset now, TimeSpan gracePeriod) =>
        ReadOnlyFrom(state, gracePeriod) is { } from && now >= from;

    /// <summary>Whether a schedule of <paramref name="cadence"/> may exist on a plan.</summary>
    public static bool AllowsCadence(PlanLimits limits, ScheduleCadence cadence)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return limits.SchedulesAllowed && Rank(cadence) >= Rank(limits.FinestCadence);
    }

    /// <summary>Daily is finer than weekly, weekly finer than monthly (the enum is stored by name, so its order is not used).</summary>
    private static int Rank(ScheduleCadence cadence) => cadence switch
    {
        ScheduleCadence.Daily => 0,
        ScheduleCadence.Weekly => 1,
        ScheduleCadence.Monthly => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence."),
    };
}
