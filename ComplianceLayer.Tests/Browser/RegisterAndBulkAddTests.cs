using ComplianceLayer.Tests.Fixtures;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class RegisterAndBulkAddTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task Register_CreateClient_BulkAddThreeLinesWithOneInvalid_ListsTwoAndExplainsTheThird()
    {
        var page = await app.NewPageAsync();
        var email = $"tech-{Guid.NewGuid():N}@new-msp.example";
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/Account/Register");
            await page.FillAsync("#Input\\.OrganizationName", "Fresh MSP Ltd");
            await page.FillAsync("#Input\\.Email", email);
            await page.FillAsync("#Input\\.Password", "Correct-Horse-42!");
            await page.FillAsync("#Input\\.ConfirmPassword", "Correct-Horse-42!");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync($"{app.BaseUrl}/");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#organization-switcher")).ToContainTextAsync("Fresh MSP Ltd");

            await page.GotoAsync($"{app.BaseUrl}/clients");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#clients-empty")).ToBeVisibleAsync();
            await page.ClickAsync("#add-client");
            await page.FillAsync("#client-name", "Acme Dental");
            await page.ClickAsync("#save-client");
            await Assertions.Expect(page.Locator("#client-title")).ToHaveTextAsync("Acme Dental");
            await BrowserAppFixture.WaitForInteractiveAsync(page);

            await page.ClickAsync("#bulk-add");
            await page.FillAsync("#bulk-text", "acme-dental.com\nPortal.Acme-Dental.co.uk.\nhttps://acme-dental.com/login");
            await page.ClickAsync("#bulk-submit");
            var results = page.Locator("#bulk-results");
            await Assertions.Expect(results.Locator("[data-testid=bulk-summary]")).ToContainTextAsync("2 added, 1 rejected");
            await BrowserAppFixture.ScreenshotAsync(page, "bulk-add-results");
            var rejected = results.Locator("[data-testid=bulk-result][data-status=rejected]");
            await Assertions.Expect(rejected).ToHaveCountAsync(1);
            await Assertions.Expect(rejected.Locator(".bulk-input")).ToHaveTextAsync("https://acme-dental.com/login");
            await Assertions.Expect(rejected.Locator(".bulk-reason")).ToContainTextAsync("host name only");

            await page.ClickAsync("#bulk-close");
            var rows = page.Locator("[data-testid=domain-row]");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("[data-testid=domain-row][data-name='acme-dental.com']")).ToBeVisibleAsync();
            // Normalised: lower case, no trailing dot.
            await Assertions.Expect(page.Locator("[data-testid=domain-row][data-name='portal.acme-dental.co.uk']")).ToBeVisibleAsync();
            await BrowserAppFixture.ScreenshotAsync(page, "client-domains");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-register-bulk-add");
            throw;
        }
    }
}
