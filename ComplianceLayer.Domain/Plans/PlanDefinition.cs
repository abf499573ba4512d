namespace ComplianceLayer.Domain.Plans;

/// <summary>One plan of the catalogue (from configuration): its code, name, Stripe prices and limits.</summary>
/// <param name="Code">Stable lower-case code stored on the organization ("starter").</param>
/// <param name="PriceLabel">How the price is shown ("$49 / month"); Stripe holds the real price.</param>
/// <param name="TrialDays">Days a new organization may use the plan before it must subscribe; 0 for paid plans.</param>
public sealed record PlanDefinition(
    string Code,
    string Name,
    string? PriceLabel,
    string? StripeMonthlyPriceId,
    string? StripeYearlyPriceId,
    int TrialDays,
    PlanLimits Limits)
{
    /// <summary>Whether the plan can be bought through Stripe Checkout (it has at least one price).</summary>
    public bool IsPurchasable => !string.IsNullOrEmpty(StripeMonthlyPriceId) || !string.IsNullOrEmpty(StripeYearlyPriceId);

    public bool HasPrice(string priceId) =>
        string.Equals(StripeMonthlyPriceId, priceId, StringComparison.Ordinal) || string.Equals(StripeYearlyPriceId, priceId, StringComparison.Ordinal);
}
