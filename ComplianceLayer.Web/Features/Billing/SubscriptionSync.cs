using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Plans;
using Stripe;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>A change to record in the audit log after applying Stripe's state to an organization.</summary>
public sealed record BillingChange(string Action, string Summary);

/// <summary>
/// Applies a subscription, as Stripe has it now, to the organization's state: plan (price → plan code from configuration),
/// status, current period end and when it became past_due. Pure with respect to I/O: the caller loads, saves and audits.
/// </summary>
public sealed class SubscriptionSync(PlanCatalog plans)
{
    public IReadOnlyList<BillingChange> Apply(Organization organization, Subscription subscription, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(subscription);
        var status = MapStatus(subscription.Status);
        if (status is null)
        {
            // "incomplete": the first payment has not gone through; Stripe sends another event when it does.
            return [];
        }
        if (organization.StripeSubscriptionId is { } current && current != subscription.Id && status == SubscriptionStatus.Canceled)
        {
            // An older subscription of the organization ended after a newer one replaced it: it no longer decides anything.
            return [];
        }

        var changes = new List<BillingChange>();
        var priceId = subscription.Items?.Data?.FirstOrDefault()?.Price?.Id;
        var plan = plans.FindByPriceId(priceId);
        if (plan is not null && !string.Equals(plan.Code, organization.PlanCode, StringComparison.OrdinalIgnoreCase))
        {
            var before = plans.Resolve(organization.PlanCode);
            var note = plan.Limits.HistoryDays < before.Limits.HistoryDays
                ? $" Scans older than {plan.Limits.HistoryDays} days will be deleted by the next daily retention run."
                : "";
            changes.Add(new BillingChange("billing.plan_changed",
                $"Plan changed from {before.Name} to {plan.Name} (Stripe subscription {subscription.Id}).{note}"));
            organization.PlanCode = plan.Code;
        }
        if (status != organization.SubscriptionStatus)
        {
            changes.Add(new BillingChange("billing.status_changed",
                $"Subscription status changed from {Describe(organization.SubscriptionStatus)} to {Describe(status.Value)} (Stripe subscription {subscription.Id})."));
            organization.SubscriptionStatus = status.Value;
        }
        var periodEnd = PeriodEnd(subscription);
        organization.CurrentPeriodEnd = status == SubscriptionStatus.Canceled
            ? ToOffset(subscription.EndedAt) ?? periodEnd ?? now
            : periodEnd ?? organization.CurrentPeriodEnd;
        organization.PastDueSince = status == SubscriptionStatus.PastDue ? organization.PastDueSince ?? now : null;
        organization.StripeSubscriptionId = subscription.Id;
        if (!string.IsNullOrEmpty(subscription.CustomerId))
        {
            organization.StripeCustomerId ??= subscription.CustomerId;
        }
        return changes;
    }

    /// <summary>Stripe's subscription status as ours; null for "incomplete" (nothing paid yet, nothing to change).</summary>
    public static SubscriptionStatus? MapStatus(string? status) => status switch
    {
        "active" => SubscriptionStatus.Active,
        "trialing" => SubscriptionStatus.Trialing,
        "past_due" or "unpaid" or "paused" => SubscriptionStatus.PastDue,
        "canceled" or "incomplete_expired" => SubscriptionStatus.Canceled,
        _ => null,
    };

    public static string Describe(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.PastDue => "past_due",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Since API version 2025-03-31 the period end is on each subscription item, not on the subscription.</summary>
    private static DateTimeOffset? PeriodEnd(Subscription subscription) =>
        subscription.Items?.Data is { Count: > 0 } items ? ToOffset(items.Max(i => i.CurrentPeriodEnd)) : null;

    internal static DateTimeOffset? ToOffset(DateTime? value) =>
        value is { } v && v > DateTime.UnixEpoch ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
