using ComplianceLayer.Tests.Fixtures;

namespace ComplianceLayer.Tests.Web.Features.Billing;

/// <summary>
/// Settings for billing tests: Stripe pointed at the loopback fake, prices for the paid plans, and a trial with tiny
/// limits (2 domains, 2 scans a month, weekly schedules at most, 3 team members) so that every limit is quick to reach.
/// </summary>
public static class BillingTestSettings
{
    public const string WebhookSecret = "whsec_test_0123456789";
    public const string StarterPrice = "price_starter_monthly";
    public const string ProPrice = "price_pro_monthly";
    public const string BusinessPrice = "price_business_monthly";

    public static Dictionary<string, string?> For(FakeStripeServer stripe) => new()
    {
        ["Quartz:Enabled"] = "false",
        ["Stripe:SecretKey"] = "sk_test_fake",
        ["Stripe:PublishableKey"] = "pk_test_fake",
        ["Stripe:WebhookSecret"] = WebhookSecret,
        ["Stripe:ApiBase"] = stripe.BaseUrl,
        ["Billing:Plans:0:MonitoredDomains"] = "2",
        ["Billing:Plans:0:ScansPerMonth"] = "2",
        ["Billing:Plans:0:FinestCadence"] = "Weekly",
        ["Billing:Plans:0:TeamMembers"] = "3",
        ["Billing:Plans:1:StripeMonthlyPriceId"] = StarterPrice,
        ["Billing:Plans:2:StripeMonthlyPriceId"] = ProPrice,
        ["Billing:Plans:3:StripeMonthlyPriceId"] = BusinessPrice,
    };
}

/// <summary>The app with Stripe on a fake loopback server and the tiny trial of <see cref="BillingTestSettings"/>.</summary>
public sealed class BillingAppFixture : WebAppFixture
{
    public FakeStripeServer Stripe { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => BillingTestSettings.For(Stripe);

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
}
