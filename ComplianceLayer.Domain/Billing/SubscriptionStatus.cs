namespace ComplianceLayer.Domain.Billing;

/// <summary>An organization's subscription state, as Stripe reports it (trialing before any subscription exists).</summary>
public enum SubscriptionStatus
{
    Trialing,
    Active,
    PastDue,
    Canceled,
}
