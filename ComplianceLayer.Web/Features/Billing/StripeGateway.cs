using Microsoft.Extensions.Options;
using Stripe;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>
/// The few Stripe API calls the app makes, through one <see cref="StripeClient"/> built from <see cref="StripeOptions"/>
/// (Stripe:ApiBase moves it to a local fake in tests and labs). Throws when Stripe is not configured.
/// </summary>
public sealed class StripeGateway(IOptions<StripeOptions> options)
{
    private readonly Lazy<StripeClient> _client = new(() =>
    {
        var o = options.Value;
        if (!o.IsConfigured)
        {
            throw new InvalidOperationException("Stripe is not configured (Stripe:SecretKey, Stripe:PublishableKey, Stripe:WebhookSecret).");
        }
        return new StripeClient(apiKey: o.SecretKey, apiBase: string.IsNullOrEmpty(o.ApiBase) ? null : o.ApiBase.TrimEnd('/'));
    });

    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>
    /// A Stripe customer for the organization. Its e-mail is the Owner's (personal data kept at Stripe, as the privacy
    /// policy says); we store only the customer id.
    /// </summary>
    public async Task<string> CreateCustomerAsync(Guid organizationId, string organizationName, string ownerEmail, CancellationToken cancellationToken)
    {
        var customer = await new CustomerService(_client.Value).CreateAsync(new CustomerCreateOptions
        {
            Name = organizationName,
            Email = ownerEmail,
            Metadata = new Dictionary<string, string> { ["organization_id"] = organizationId.ToString() },
        }, new RequestOptions { IdempotencyKey = $"customer-{organizationId:N}" }, cancellationToken);
        return customer.Id;
    }

    /// <summary>A Checkout Session (subscription mode) for one price; the user pays on Stripe's page at its URL.</summary>
    public async Task<Stripe.Checkout.Session> CreateCheckoutSessionAsync(
        Guid organizationId, string customerId, string priceId, string successUrl, string cancelUrl, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { ["organization_id"] = organizationId.ToString() };
        return await new Stripe.Checkout.SessionService(_client.Value).CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Mode = "subscription",
            Customer = customerId,
            ClientReferenceId = organizationId.ToString(),
            LineItems = [new Stripe.Checkout.SessionLineItemOptions { Price = priceId, Quantity = 1 }],
            SuccessUrl = successUrl,
            CancelUrl = cancelUrl,
            Metadata = metadata,
            SubscriptionData = new Stripe.Checkout.SessionSubscriptionDataOptions { Metadata = metadata },
        }, cancellationToken: cancellationToken);
    }

    /// <summary>A Customer Portal session: payment method, invoices, plan changes and cancellation, on Stripe's pages.</summary>
    public async Task<Stripe.BillingPortal.Session> CreatePortalSessionAsync(string customerId, string returnUrl, CancellationToken cancellationToken) =>
        await new Stripe.BillingPortal.SessionService(_client.Value).CreateAsync(new Stripe.BillingPortal.SessionCreateOptions
        {
            Customer = customerId,
            ReturnUrl = returnUrl,
        }, cancellationToken: cancellationToken);

    /// <summary>The subscription as Stripe has it now: webhooks apply this, never the event's possibly stale copy.</summary>
    public async Task<Subscription> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        await new SubscriptionService(_client.Value).GetAsync(subscriptionId, cancellationToken: cancellationToken);

    /// <summary>Cancels at once (DELETE /v1/subscriptions/{id}), without proration or a final invoice.</summary>
    public async Task<Subscription> CancelSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        await new SubscriptionService(_client.Value).CancelAsync(subscriptionId, cancellationToken: cancellationToken);
}
