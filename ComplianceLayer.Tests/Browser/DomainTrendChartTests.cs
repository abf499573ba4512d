using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Features.Scans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class DomainTrendChartTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task DomainPage_ShowsTheScoreTrendChart_WithOnePointPerCompletedScan_AndUpdatesItWhenAScanCompletes()
    {
        var owner = await app.CreateUserAsync($"trend-{Guid.NewGuid():N}@trend.example", "Trend MSP");
        var now = DateTimeOffset.UtcNow;
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "trend.example.com",
            [now.AddDays(-14), now.AddDays(-7), now.AddHours(-3)]);
        var single = await app.SeedDomainWithScansAsync(owner.Org, "once.example.com", [now.AddDays(-1)]);

        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/domains/{domainId}");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            var chart = page.Locator("#domain-trend-chart");
            await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Score trend"));
            await Assertions.Expect(chart.Locator(".apexcharts-svg")).ToHaveCountAsync(1);
            // The drawn markers (ApexCharts also keeps a tiny hover marker outside .apexcharts-series-markers).
            await Assertions.Expect(chart.Locator(".apexcharts-series[seriesName='Overall'] .apexcharts-series-markers .apexcharts-marker")).ToHaveCountAsync(3);
            // Overall plus the eight weighted modules, each in the legend.
            await Assertions.Expect(chart.Locator(".apexcharts-legend-series")).ToHaveCountAsync(9);
            await Assertions.Expect(page.Locator("#score-trend [data-testid=chart-data] tbody tr")).ToHaveCountAsync(3);
            await BrowserAppFixture.ScreenshotAsync(page, "domain-trend");

            // A scan completes while the page is open: the same chart gains a point, without navigation.
            var scanId = (await app.AddCompletedScansAsync(owner.Org, domainId, "trend.example.com", [DateTimeOffset.UtcNow], firstIndex: 3)).Single();
            app.Services.GetRequiredService<ScanProgressHub>().Publish(new ScanProgressEvent(owner.Org, scanId, domainId, ScanStatus.Completed));
            await Assertions.Expect(chart.Locator(".apexcharts-series[seriesName='Overall'] .apexcharts-series-markers .apexcharts-marker")).ToHaveCountAsync(4);
            await Assertions.Expect(chart.Locator(".apexcharts-svg")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#score-trend [data-testid=chart-data] tbody tr")).ToHaveCountAsync(4);
            Assert.Equal($"{app.BaseUrl}/domains/{domainId}", page.Url);
            await BrowserAppFixture.ScreenshotAsync(page, "domain-trend-updated");

            await page.GotoAsync($"{app.BaseUrl}/domains/{single}");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#trend-empty")).ToHaveTextAsync("Scan at least twice to see a trend");
            await Assertions.Expect(page.Locator(".apexcharts-svg")).ToHaveCountAsync(0);
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-domain-trend");
            throw;
        }
    }
}
