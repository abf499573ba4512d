using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Dashboard;
using ComplianceLayer.Web.Features.Scans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class DashboardPageTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task Dashboard_ShowsTheSeededWorstDomain_TheGradeChart_AndRunningScansLive()
    {
        var owner = await app.CreateUserAsync($"dash-{Guid.NewGuid():N}@dash.example", "Dash MSP");
        var now = DateTimeOffset.UtcNow;
        var client = await app.AddClientAsync(owner.Org, "Northwind");
        await app.AddScoredDomainAsync(owner.Org, client, "fine.example", [(now.AddDays(-8), 85), (now.AddDays(-1), 92)]);
        await app.AddScoredDomainAsync(owner.Org, client, "worst.example", [(now.AddDays(-9), 90), (now.AddDays(-2), 41), (now.AddHours(-5), 12)]);
        await app.AddScoredDomainAsync(owner.Org, client, "middle.example", [(now.AddDays(-3), 74), (now.AddDays(-1), 70)]);
        await app.AddScoredDomainAsync(owner.Org, client, "forgotten.example", [(now.AddDays(-50), 66)]);
        await app.AddScoredDomainAsync(owner.Org, client, "new.example", []);
        // Another organization's domain is worse, and must not appear.
        var stranger = await app.CreateUserAsync($"other-{Guid.NewGuid():N}@dash.example", "Other MSP");
        await app.AddScoredDomainAsync(stranger.Org, await app.AddClientAsync(stranger.Org, "Theirs"), "hidden-worse.example", [(now.AddDays(-1), 3)]);

        var page = await app.SignInAsync(owner);
        try
        {
            var worst = page.Locator("[data-testid=worst-row]");
            await Assertions.Expect(worst).ToHaveCountAsync(4);
            await Assertions.Expect(worst.First).ToHaveAttributeAsync("data-domain", "worst.example");
            await Assertions.Expect(worst.First.GetByRole(AriaRole.Link, new() { Name = "worst.example" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#grade-chart .apexcharts-svg")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#grade-chart .apexcharts-bar-area")).ToHaveCountAsync(6);
            await Assertions.Expect(page.Locator("[data-testid=drop-row]").First).ToHaveAttributeAsync("data-domain", "worst.example");
            await Assertions.Expect(page.Locator("[data-testid=never-scanned-row]")).ToHaveAttributeAsync("data-domain", "new.example");
            await Assertions.Expect(page.Locator("[data-testid=stale-row]")).ToHaveAttributeAsync("data-domain", "forgotten.example");
            await Assertions.Expect(page.Locator("[data-testid=count-domains]")).ToHaveTextAsync("5");
            await Assertions.Expect(page.GetByText("hidden-worse.example")).ToHaveCountAsync(0);
            await BrowserAppFixture.ScreenshotAsync(page, "dashboard");

            // A scan starts while the dashboard is open: "Running now" shows it without a reload.
            await Assertions.Expect(page.Locator("[data-testid=active-empty]")).ToBeVisibleAsync();
            var live = await app.AddScoredDomainAsync(owner.Org, client, "live.example", [], ScanStatus.Running);
            app.Services.GetRequiredService<ScanProgressHub>().Publish(new ScanProgressEvent(owner.Org, Guid.NewGuid(), live, ScanStatus.Running));
            await Assertions.Expect(page.Locator("[data-testid=active-row][data-domain='live.example']")).ToHaveAttributeAsync("data-status", "running");
            await Assertions.Expect(page.Locator("[data-testid=count-scans-running]")).ToHaveTextAsync("1");

            // The worst domain's link leads to its page.
            await worst.First.GetByRole(AriaRole.Link, new() { Name = "worst.example" }).ClickAsync();
            await page.WaitForURLAsync("**/domains/*");

            // The "needs attention" lists continue on the Domains page, filtered the same way.
            await page.GotoAsync($"{app.BaseUrl}/domains?state=stale");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=domain-row]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=domain-row]")).ToHaveAttributeAsync("data-name", "forgotten.example");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-dashboard");
            throw;
        }
    }
}
