using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class SettingsPagesTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task OrganizationPage_Rename_SavedForThatOrganization()
    {
        var owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@msp.example", "Before Rename MSP");
        var other = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@msp.example", "Before Rename MSP");
        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/settings/organization");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await page.Locator("#organization-name").FillAsync("After Rename MSP");
            await page.Locator("#save-organization").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved");
            await BrowserAppFixture.ScreenshotAsync(page, "settings-organization");

            Assert.Equal("After Rename MSP", await app.QueryAsync(owner.Org, db => db.Organizations.Where(o => o.Id == owner.Org).Select(o => o.Name).SingleAsync()));
            Assert.Equal("Before Rename MSP", await app.QueryAsync(other.Org, db => db.Organizations.Where(o => o.Id == other.Org).Select(o => o.Name).SingleAsync()));
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-settings-organization");
            throw;
        }
    }

    [Fact]
    public async Task ProfilePage_DisplayName_Saved_AndLinksToEmailChangeAndUserDeletion()
    {
        var owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@msp.example", "Profile MSP");
        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/settings/profile");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#profile-email")).ToContainTextAsync(owner.Email);
            await page.Locator("#display-name").FillAsync("Grace Hopper");
            await page.Locator("#save-profile").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved");
            await BrowserAppFixture.ScreenshotAsync(page, "settings-profile");
            Assert.Equal("Grace Hopper", await app.QueryAsync(Guid.Empty, db => db.Users.Where(u => u.Id == owner.UserId).Select(u => u.DisplayName).SingleAsync()));

            // The only Owner is told why the user account cannot be deleted yet.
            await page.Locator("#delete-user-account").ClickAsync();
            await Assertions.Expect(page.Locator("#last-owner")).ToContainTextAsync("only Owner of Profile MSP");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-settings-profile");
            throw;
        }
    }
}
