using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Billing;

[Trait("Category", "Integration")]
public sealed class BillingServiceTests(BillingAppFixture app) : IClassFixture<BillingAppFixture>
{
    private const string AppBase = "http://localhost:5000/";

    private async Task<T> BillingAsync<T>(TestMember member, Func<BillingService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<BillingService>());
    }

    [Fact]
    public async Task StartCheckout_NewSubscriber_CreatesTheCustomerOnce_AndASubscriptionCheckout()
    {
        var owner = await app.NewOwnerAsync("Checkout MSP");

        var first = await BillingAsync(owner, b => b.StartCheckoutAsync("pro", false, AppBase, CancellationToken.None));
        var second = await BillingAsync(owner, b => b.StartCheckoutAsync("business", false, AppBase, CancellationToken.None));

        Assert.StartsWith(app.Stripe.BaseUrl + "/checkout/cs_test_", first, StringComparison.Ordinal);
        var customers = app.Stripe.RequestsTo("POST", "/v1/customers").Where(r => r.Form["metadata[organization_id]"] == owner.Org.ToString()).ToList();
        var customer = Assert.Single(customers);
        Assert.Equal(owner.Email, customer.Form["email"]);
        var organization = await app.OrganizationAsync(owner.Org);
        Assert.StartsWith("cus_", organization.StripeCustomerId, StringComparison.Ordinal);
        var sessions = app.Stripe.RequestsTo("POST", "/v1/checkout/sessions").Where(r => r.Form["client_reference_id"] == owner.Org.ToString()).ToList();
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(organization.StripeCustomerId, s.Form["customer"]));
        Assert.Equal(BillingTestSettings.BusinessPrice, sessions[1].Form["line_items[0][price]"]);
        Assert.Equal("http://localhost:5000/settings/billing?checkout=cancelled", sessions[0].Form["cancel_url"]);
        Assert.Equal(2, (await app.AuditEventsAsync(owner.Org, "billing.checkout_started")).Count);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task StartCheckout_ExistingSubscriber_GoesToTheCustomerPortal()
    {
        var owner = await app.NewOwnerAsync();
        await app.SetStateAsync(owner.Org, "pro", SubscriptionStatus.Active, DateTimeOffset.UtcNow.AddDays(20), customerId: "cus_existing" + Guid.NewGuid().ToString("N")[..6], subscriptionId: "sub_existing" + Guid.NewGuid().ToString("N")[..6]);

        var url = await BillingAsync(owner, b => b.StartCheckoutAsync("business", false, AppBase, CancellationToken.None));

        Assert.StartsWith(app.Stripe.BaseUrl + "/portal/bps_", url, StringComparison.Ordinal);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "billing.portal_opened"));
        Assert.Empty(await app.AuditEventsAsync(owner.Org, "billing.checkout_started"));
    }

    [Fact]
    public async Task Billing_ByAnAdmin_IsDenied()
    {
        var owner = await app.NewOwnerAsync();
        var admin = await app.NewMemberAsync(owner, OrganizationRole.Admin);

        await Assert.ThrowsAsync<AccessDeniedException>(() => BillingAsync(admin, b => b.GetOverviewAsync(CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => BillingAsync(admin, b => b.StartCheckoutAsync("pro", false, AppBase, CancellationToken.None)));
    }

    [Fact]
    public async Task Overview_ShowsUsageAndWhatADowngradeWouldDo()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "C");
        var domain = await app.AddDomainAsync(owner, client.Id, "usage.example.com");
        await app.AddScansAsync(owner.Org, domain.Id, 1);
        await app.SetStateAsync(owner.Org, "pro", SubscriptionStatus.Active, DateTimeOffset.UtcNow.AddDays(20));

        var overview = await BillingAsync(owner, b => b.GetOverviewAsync(CancellationToken.None));

        Assert.Equal("pro", overview.Plan.Code);
        Assert.Equal(("Monitored domains", 1, (int?)150), (overview.Usage[0].Label, overview.Usage[0].Used, overview.Usage[0].Limit));
        Assert.Equal(("Scans this month", 1), (overview.Usage[1].Label, overview.Usage[1].Used));
        var starter = Assert.Single(overview.Offers, o => o.Plan.Code == "starter");
        Assert.Contains(starter.DowngradeEffects, e => e.StartsWith("Scans older than 30 days (0 today)", StringComparison.Ordinal));
        Assert.Contains("API keys stop working (they are kept).", starter.DowngradeEffects);
        Assert.True(overview.StripeConfigured);
    }
}

/// <summary>The default settings: no Stripe keys.</summary>
[Trait("Category", "Integration")]
public sealed class BillingNotConfiguredTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task WithoutStripeKeys_TheOverviewSaysNotConfigured_CheckoutIsRefused_AndWebhooksAre404()
    {
        var owner = await app.CreateUserAsync($"nc-{Guid.NewGuid():N}@nc.example", "Not configured");
        await using var scope = app.ScopeFor(owner);
        var billing = scope.ServiceProvider.GetRequiredService<BillingService>();

        var overview = await billing.GetOverviewAsync(CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => billing.StartCheckoutAsync("pro", false, "http://localhost/", CancellationToken.None));
        var webhook = await app.PostWebhookAsync("{}", "t=1,v1=00");

        Assert.False(overview.StripeConfigured);
        Assert.Equal("trial", overview.Plan.Code);
        Assert.Contains("not configured", refused.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, webhook.StatusCode);
    }
}
