using ComplianceLayer.Tests.Fixtures;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class AccountDeletionFlowTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task DeleteAccount_TypeNameAndPassword_ShowsPendingBanner_UndoRestores()
    {
        var owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@msp.example", "Deletion Flow MSP");
        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/settings/delete-account");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#deleted-counts")).ToContainTextAsync("Memberships");
            await Assertions.Expect(page.Locator("#kept")).ToContainTextAsync("Billing records");
            var delete = page.Locator("#delete-organization");
            await page.Locator("#confirm-name").FillAsync("Deletion Flow");
            await page.Locator("#confirm-password").FillAsync("Test-Password-123!");
            await Assertions.Expect(delete).ToBeDisabledAsync();   // the name must match exactly
            await page.Locator("#confirm-name").FillAsync("Deletion Flow MSP");
            await Assertions.Expect(delete).ToBeEnabledAsync();
            await BrowserAppFixture.ScreenshotAsync(page, "delete-account-confirm");

            await delete.ClickAsync();

            await Assertions.Expect(page.Locator("#pending-deletion-banner")).ToContainTextAsync("scheduled for deletion");
            await Assertions.Expect(page.Locator("#deletion-pending")).ToBeVisibleAsync();
            await BrowserAppFixture.ScreenshotAsync(page, "delete-account-pending");

            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await page.Locator("#undo-deletion").ClickAsync();

            await Assertions.Expect(page.Locator("#delete-organization")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#pending-deletion-banner")).ToHaveCountAsync(0);
            await BrowserAppFixture.ScreenshotAsync(page, "delete-account-undone");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-delete-account");
            throw;
        }
    }
}
