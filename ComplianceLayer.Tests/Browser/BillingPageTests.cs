using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features;
using ComplianceLayer.Tests.Web.Features.Billing;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

/// <summary>The browser app with Stripe on the loopback fake (whose Checkout URL serves a page) and the billing test plans.</summary>
public sealed class BillingBrowserFixture : BrowserAppFixture
{
    public FakeStripeServer Stripe { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings.Concat(BillingTestSettings.For(Stripe).Where(s => s.Key != "Quartz:Enabled")));

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

[Trait("Category", "Browser")]
public sealed class BillingPageTests(BillingBrowserFixture app) : IClassFixture<BillingBrowserFixture>
{
    [Fact]
    public async Task BillingPage_OfATrialOrganization_ShowsUsageBars_AndUpgradeLeadsToCheckout()
    {
        var owner = await app.CreateUserAsync($"billing-{Guid.NewGuid():N}@billing.example", "Billing MSP");
        var client = await app.CreateClientAsync(owner, "Client");
        await app.AddDomainAsync(owner, client.Id, "billed.example.com");

        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/settings/billing");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#current-plan")).ToHaveTextAsync("Trial plan");
            await Assertions.Expect(page.Locator("#subscription-status")).ToHaveTextAsync("trialing");
            await Assertions.Expect(page.Locator("[data-testid=usage-line]")).ToHaveCountAsync(4);
            await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Monitored domains: 1 of 2" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Scans this month: 0 of 2" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#invoices-empty")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#billing-not-configured")).ToHaveCountAsync(0);
            await BrowserAppFixture.ScreenshotAsync(page, "billing-trial");

            await page.ClickAsync("#choose-pro");

            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(app.Stripe.BaseUrl) + "/checkout/cs_test_"));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Fake Stripe Checkout");
            var checkout = Assert.Single(app.Stripe.RequestsTo("POST", "/v1/checkout/sessions"));
            Assert.Equal(BillingTestSettings.ProPrice, checkout.Form["line_items[0][price]"]);
            Assert.Equal("subscription", checkout.Form["mode"]);
            Assert.Equal(owner.Org.ToString(), checkout.Form["client_reference_id"]);
            Assert.Equal($"{app.BaseUrl}/settings/billing?checkout=success", checkout.Form["success_url"]);
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-billing-trial");
            throw;
        }
    }
}
