using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Plans;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>One usage figure against its limit (null limit: none).</summary>
public sealed record UsageLine(string Label, int Used, int? Limit)
{
    public double Percent => Limit is > 0 ? Math.Min(100, Used * 100.0 / Limit.Value) : Limit == 0 ? 100 : 0;

    public string Text => Limit is { } limit ? $"{Used} of {limit}" : $"{Used} (no limit)";
}

/// <summary>What moving to a plan would change, as the billing page warns before a downgrade.</summary>
public sealed record PlanOffer(PlanDefinition Plan, bool IsCurrent, IReadOnlyList<string> DowngradeEffects);

/// <summary>Everything the billing page shows.</summary>
public sealed record BillingOverview(
    PlanDefinition Plan,
    SubscriptionStatus Status,
    DateTimeOffset? CurrentPeriodEnd,
    DateTimeOffset? ReadOnlyFrom,
    bool IsReadOnly,
    string? ReadOnlyMessage,
    UsagePeriod Period,
    IReadOnlyList<UsageLine> Usage,
    IReadOnlyList<PlanOffer> Offers,
    bool StripeConfigured,
    bool HasSubscription,
    bool HasCustomer);

/// <summary>A billing record as the invoice history lists it.</summary>
public sealed record InvoiceRow(string InvoiceId, DateTimeOffset Date, long Amount, string Currency, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, BillingRecordStatus Status)
{
    public string AmountText => $"{Amount / 100m:0.00} {Currency.ToUpperInvariant()}";
}
