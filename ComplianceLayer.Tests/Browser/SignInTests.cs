using ComplianceLayer.Tests.Fixtures;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class SignInTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task Login_ExistingOwner_SeesDashboardOfTheirOrganization()
    {
        var member = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@msp.example", "Signin MSP");
        var page = await app.NewPageAsync();
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/Account/Login?ReturnUrl=%2F");
            await page.FillAsync("input[name='Input.Email']", member.Email);
            await page.FillAsync("input[name='Input.Password']", "Test-Password-123!");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync($"{app.BaseUrl}/");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#organization-switcher")).ToContainTextAsync("Signin MSP");
            await Assertions.Expect(page.Locator("#dashboard-empty")).ToBeVisibleAsync();
            await BrowserAppFixture.ScreenshotAsync(page, "dashboard-empty");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-signin");
            throw;
        }
    }

    [Fact]
    public async Task Dashboard_Anonymous_RedirectsToLogin()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/settings");
        await page.WaitForURLAsync("**/Account/Login**");
        Assert.Contains("ReturnUrl", page.Url, StringComparison.Ordinal);
    }
}
