using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Privacy;

/// <summary>
/// The app with a recording e-mail sender and Stripe pointed at the loopback fake, so that account deletion cancels
/// subscriptions through the real billing code.
/// </summary>
public sealed class PrivacyAppFixture : WebAppFixture
{
    public RecordingEmailSender Emails { get; } = new();

    public FakeStripeServer Stripe { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Quartz:Enabled"] = "false",
        ["Stripe:SecretKey"] = "sk_test_fake",
        ["Stripe:PublishableKey"] = "pk_test_fake",
        ["Stripe:WebhookSecret"] = "whsec_test_privacy",
        ["Stripe:ApiBase"] = Stripe.BaseUrl,
    };

    public override async Task InitializeAsync()
    {
        await Stripe.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAppEmailSender>(Emails);

    /// <summary>Gives the organization an active subscription, at the fake Stripe and on its row; returns the subscription id.</summary>
    public async Task<string> SubscribeAsync(Guid organizationId)
    {
        var id = $"sub_{Guid.NewGuid():N}";
        var customer = $"cus_{Guid.NewGuid():N}";
        Stripe.Subscriptions[id] = new FakeSubscription(id, customer, "price_pro_monthly", "active", DateTimeOffset.UtcNow.AddDays(20),
            OrganizationId: organizationId.ToString());
        var (scope, db) = await DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
            organization.StripeCustomerId = customer;
            organization.StripeSubscriptionId = id;
            await db.SaveChangesAsync();
        }
        return id;
    }

    public bool WasCanceledAtStripe(string subscriptionId) => Stripe.RequestsTo("DELETE", "/v1/subscriptions/" + subscriptionId).Count > 0;
}
