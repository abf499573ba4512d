using System.Text.Json;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features;
using ComplianceLayer.Tests.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

/// <summary>The domain page (latest report, what changed, trend, history) and the report view of a past scan.</summary>
[Trait("Category", "Browser")]
public sealed class DomainReportPagesTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task DomainPage_ShowsLatestReportTrendAndHistory_HistoryLinksToThePastReport_WhichShowsItsScoreChangesAndJson()
    {
        var owner = await app.CreateUserAsync($"report-{Guid.NewGuid():N}@report.example", "Report MSP");
        var now = DateTimeOffset.UtcNow;
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "report.example.com",
            [now.AddDays(-21), now.AddDays(-14), now.AddDays(-7), now.AddHours(-2)]);
        await app.AddScansAsync(owner.Org, domainId, 1);
        var scans = await app.QueryAsync(owner.Org, db => db.Scans.Where(s => s.DomainId == domainId && s.Status == ScanStatus.Completed)
            .OrderBy(s => s.FinishedAt).Select(s => new { s.JobId, s.ReportId, s.Score }).ToListAsync());

        var stranger = await app.CreateUserAsync($"stranger-{Guid.NewGuid():N}@report.example", "Other MSP");
        var strangerDomain = await app.SeedDomainWithScansAsync(stranger.Org, "secret.example.com", [now.AddDays(-1)]);
        var strangerJob = await app.QueryAsync(stranger.Org, db => db.Scans.Where(s => s.DomainId == strangerDomain).Select(s => s.JobId).SingleAsync());

        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/domains/{domainId}");
            await BrowserAppFixture.WaitForInteractiveAsync(page);

            // Latest report: the newest completed scan's score, one card per module, the issues.
            await Assertions.Expect(page.Locator("[data-testid=report-score]")).ToHaveTextAsync(scans[^1].Score!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("[data-testid=module-card]")).ToHaveCountAsync(8);
            await Assertions.Expect(page.Locator("[data-testid=issue-list] [data-testid=issue]")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#what-changed [data-testid=finding-counts]")).ToHaveTextAsync("1 new · 0 resolved");

            // The trend chart: one point per completed scan.
            var chart = page.Locator("#domain-trend-chart");
            await Assertions.Expect(chart.Locator(".apexcharts-svg")).ToHaveCountAsync(1);
            await Assertions.Expect(chart.Locator(".apexcharts-series[seriesName='Overall'] .apexcharts-series-markers .apexcharts-marker")).ToHaveCountAsync(4);

            // History: every scan, the failed one with its reason, newest first.
            var rows = page.Locator("#scan-history [data-testid=history-row]");
            await Assertions.Expect(rows).ToHaveCountAsync(5);
            await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-status", "failed");
            await Assertions.Expect(page.Locator("#scan-history [data-testid=history-failure]")).ToHaveTextAsync("test data");
            await Assertions.Expect(page.Locator("#scan-history [data-testid=history-report-link]")).ToHaveCountAsync(4);
            await BrowserAppFixture.ScreenshotAsync(page, "domain-page");

            // Keyboard: the severity filter chips are buttons that toggle with Enter.
            var high = page.Locator("[data-testid=severity-chip][data-severity=high]");
            await high.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(high).ToHaveAttributeAsync("aria-pressed", "true");

            // The second-newest scan's report, reached from the history table.
            var past = scans[^2];
            await page.Locator($"#scan-history a[data-testid=history-report-link][href='scans/{past.JobId}/report']").ClickAsync();
            await page.WaitForURLAsync($"{app.BaseUrl}/scans/{past.JobId}/report");
            await Assertions.Expect(page.Locator("[data-testid=report-score]")).ToHaveTextAsync(past.Score!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("[data-testid=report-view]")).ToHaveAttributeAsync("data-report", past.ReportId);
            await Assertions.Expect(page.Locator(".mud-breadcrumbs")).ToContainTextAsync("report.example.com");
            await Assertions.Expect(page.Locator("#what-changed [data-testid=finding-counts]")).ToHaveTextAsync("1 new · 0 resolved");
            await Assertions.Expect(page.Locator("#new-findings [data-testid=delta-issue]")).ToHaveAttributeAsync("data-fingerprint", "dns.test_issue:s1");
            await Assertions.Expect(page.Locator("[data-testid=what-changed-previous]")).ToHaveAttributeAsync("href", $"scans/{scans[^3].JobId}/report");
            await BrowserAppFixture.ScreenshotAsync(page, "scan-report");

            // JSON download from the report view: the signed-in browser session fetches this scan's report.
            var href = await page.Locator("#download-report").GetAttributeAsync("href");
            Assert.Equal($"scans/{past.JobId}/report.json", href);
            var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/{href}");
            Assert.Equal(200, response.Status);
            Assert.Contains($"{past.ReportId}.json", response.Headers["content-disposition"], StringComparison.Ordinal);
            using (var json = JsonDocument.Parse(await response.TextAsync()))
            {
                Assert.Equal(past.ReportId, json.RootElement.GetProperty("report_id").GetString());
                Assert.Equal(past.Score, json.RootElement.GetProperty("score").GetInt32());
            }

            // The first scan has nothing to compare with.
            await page.GotoAsync($"{app.BaseUrl}/scans/{scans[0].JobId}/report");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=what-changed-empty]")).ToBeVisibleAsync();

            // Another organization's scan and an unknown job: not found, nothing of the other report shown.
            await page.GotoAsync($"{app.BaseUrl}/scans/{strangerJob}/report");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#report-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=report-view]")).ToHaveCountAsync(0);
            Assert.DoesNotContain("secret.example.com", await page.ContentAsync(), StringComparison.Ordinal);
            await page.GotoAsync($"{app.BaseUrl}/scans/cl_job_doesnotexist/report");
            await Assertions.Expect(page.Locator("#report-not-found")).ToBeVisibleAsync();
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-domain-report-pages");
            throw;
        }
    }

    [Fact]
    public async Task DomainPage_FullReport_ShowsModuleFactsStatusesEvidenceAndTheChangesSinceTheScanBefore()
    {
        var owner = await app.CreateUserAsync($"full-{Guid.NewGuid():N}@report.example", "Full MSP");
        var now = DateTimeOffset.UtcNow;
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "example.com", [now.AddDays(-7)]);
        await app.AddCompletedScanAsync(owner.Org, domainId, now.AddHours(-1), (reportId, at) =>
            ReportTestData.Report([ReportTestData.Tls10, ReportTestData.Rdp, ReportTestData.NoHsts, ReportTestData.NoCsp,
                ReportTestData.Spf, ReportTestData.Dmarc], reportId, at));

        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/domains/{domainId}");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=module-card][data-module=ssl] [data-testid=module-facts]")).ToContainTextAsync("TLSv1.0, TLSv1.2, TLSv1.3");
            await Assertions.Expect(page.Locator("[data-testid=module-card][data-module=ports] [data-testid=module-facts]")).ToContainTextAsync("3389 rdp");
            await Assertions.Expect(page.Locator("[data-testid=module-card][data-module=cookies] [data-testid=module-status]")).ToHaveAttributeAsync("data-status", "error");
            await Assertions.Expect(page.Locator("[data-testid=issue-list] [data-testid=issue]").First).ToHaveAttributeAsync("data-severity", "critical");
            await Assertions.Expect(page.Locator("[data-fingerprint='ports.exposed.rdp:3389'] [data-testid=issue-evidence]")).ToHaveTextAsync("TCP 3389 accepted a connection");
            // Six findings new since the scan a week ago (which had none); the cookies module went from scored to errored.
            await Assertions.Expect(page.Locator("#new-findings [data-testid=delta-issue]")).ToHaveCountAsync(6);
            await Assertions.Expect(page.Locator("[data-testid=module-delta][data-module=cookies]")).ToContainTextAsync("—");
            await BrowserAppFixture.ScreenshotAsync(page, "domain-page-full-report");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-domain-page-full-report");
            throw;
        }
    }

    [Fact]
    public async Task ReportView_FailedScan_ShowsItsStateInsteadOfAReport()
    {
        var owner = await app.CreateUserAsync($"failed-{Guid.NewGuid():N}@report.example", "Failed MSP");
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "failed.example.com", []);
        await app.AddScansAsync(owner.Org, domainId, 1);
        var job = await app.QueryAsync(owner.Org, db => db.Scans.Where(s => s.DomainId == domainId).Select(s => s.JobId).SingleAsync());

        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/scans/{job}/report");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#scan-state")).ToHaveAttributeAsync("data-status", "failed");
            await Assertions.Expect(page.Locator("#scan-failure-reason")).ToHaveTextAsync("test data");
            await Assertions.Expect(page.Locator("[data-testid=report-view]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#download-report")).ToHaveCountAsync(0);

            // The domain page of a never-completed domain: the empty state and the history with the failed scan.
            await page.GotoAsync($"{app.BaseUrl}/domains/{domainId}");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#domain-never-scanned")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#scan-history [data-testid=history-row]")).ToHaveAttributeAsync("data-status", "failed");
            await Assertions.Expect(page.Locator("#scan-history [data-testid=history-report-link]")).ToHaveCountAsync(0);
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-report-view-failed-scan");
            throw;
        }
    }
}
