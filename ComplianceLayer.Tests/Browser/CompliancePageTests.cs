using System.Text.RegularExpressions;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Compliance;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed partial class CompliancePageTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    private sealed record Seeded(TestMember Owner, Guid Acme, Guid Failing, Guid Passing, Guid StrangerClient);

    /// <summary>
    /// Acme Clinic: failing.acme.test passed, then accepted TLS 1.0 on its latest scan (SOC 2 CC6.7 fails); passing.acme.test the
    /// other way round. Another organization has a failing domain and a client of its own.
    /// </summary>
    private async Task<Seeded> SeedAsync(string prefix)
    {
        var owner = await app.CreateUserAsync($"{prefix}-{Guid.NewGuid():N}@compliance.example", "Compliance MSP");
        var acme = await app.AddClientAsync(owner.Org, "Acme Clinic");
        var failing = await app.AddScannedDomainAsync(owner.Org, acme, "failing.acme.test", SeededScan.Clean, SeededScan.Clean, SeededScan.Tls10);
        var passing = await app.AddScannedDomainAsync(owner.Org, acme, "passing.acme.test", SeededScan.Tls10, SeededScan.Clean);
        var stranger = await app.CreateUserAsync($"stranger-{Guid.NewGuid():N}@compliance.example", "Stranger MSP");
        var strangerClient = await app.AddClientAsync(stranger.Org, "Stranger Clinic");
        await app.AddScannedDomainAsync(stranger.Org, strangerClient, "stranger.acme.test", SeededScan.Tls10);
        return new Seeded(owner, acme, failing, passing, strangerClient);
    }

    [Fact]
    public async Task CompliancePage_ShowsTheFailingCell_ListsItsFinding_AndExportsTheMatrixAsCsv()
    {
        var s = await SeedAsync("matrix");
        var page = await app.SignInAsync(s.Owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/compliance?framework=soc2&by=domains");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            var matrix = page.Locator("#compliance-matrix");
            var cell = matrix.Locator($"tr[data-control='CC6.7'] td[data-column-id='{s.Failing}']");
            await Assertions.Expect(cell).ToHaveAttributeAsync("data-status", "fail");
            await Assertions.Expect(cell).ToContainTextAsync("Fail");
            await Assertions.Expect(matrix.Locator($"tr[data-control='CC6.7'] td[data-column-id='{s.Passing}']")).ToHaveAttributeAsync("data-status", "pass");
            // The failing domain is the first column; the other organization's domain is not there.
            await Assertions.Expect(matrix.Locator("thead th.column-header").First).ToHaveAttributeAsync("data-name", "failing.acme.test");
            await Assertions.Expect(matrix.Locator("thead th.column-header")).ToHaveCountAsync(2);
            await BrowserAppFixture.ScreenshotAsync(page, "compliance-matrix");

            await cell.Locator("button").ClickAsync();
            var finding = page.Locator($"[data-testid=cell-finding][data-code='{ComplianceTestData.FailingCode}']");
            await Assertions.Expect(finding).ToBeVisibleAsync();
            await Assertions.Expect(finding).ToContainTextAsync(ComplianceTestData.Evidence);
            await Assertions.Expect(page.Locator("[data-testid=findings-domain] a")).ToHaveAttributeAsync("href", $"domains/{s.Failing}");
            await BrowserAppFixture.ScreenshotAsync(page, "compliance-drilldown");
            await page.ClickAsync("#close-findings");
            await Assertions.Expect(finding).ToHaveCountAsync(0);

            // Keyboard: Enter on the focused cell opens it too.
            await cell.Locator("button").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(finding).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(finding).ToHaveCountAsync(0);

            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
            Assert.Matches(CsvName(), download.SuggestedFilename);
            var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("Control,Title,Strength,failing.acme.test (Acme Clinic),passing.acme.test (Acme Clinic)", lines[0]);
            Assert.Contains("CC6.7,Data protected while in transmission,direct,fail,pass", lines);
            Assert.DoesNotContain("stranger", csv, StringComparison.OrdinalIgnoreCase);

            // By client: one column, failing with its count.
            await page.ClickAsync("#by-clients");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("by=clients"));
            var clientCell = matrix.Locator($"tr[data-control='CC6.7'] td[data-column-id='{s.Acme}']");
            await Assertions.Expect(clientCell).ToContainTextAsync("Fail 1/2");
            await Assertions.Expect(matrix.Locator("thead th.column-header")).ToHaveCountAsync(1);
            await BrowserAppFixture.ScreenshotAsync(page, "compliance-matrix-clients");
            await clientCell.Locator("button").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=findings-domain]")).ToHaveCountAsync(1);
            await Assertions.Expect(finding).ToBeVisibleAsync();
            await page.ClickAsync("#close-findings");

            // A search that matches nothing says so.
            await page.FillAsync("#matrix-search", "no-such-client");
            await Assertions.Expect(page.Locator("#matrix-empty")).ToContainTextAsync("No clients match");
            await Assertions.Expect(matrix).ToHaveCountAsync(0);
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-compliance-matrix");
            throw;
        }
    }

    [Fact]
    public async Task CsvEndpoint_QuotesFields_IsTenantScoped_AndRefusesAnonymousAndNonMembers()
    {
        var s = await SeedAsync("csv");
        var tricky = await app.AddClientAsync(s.Owner.Org, "=Evil, \"Inc\"");
        await app.AddScannedDomainAsync(s.Owner.Org, tricky, "evil.example.test", SeededScan.Clean);
        var page = await app.SignInAsync(s.Owner);
        var ajax = new Dictionary<string, string> { ["X-Requested-With"] = "XMLHttpRequest" };
        try
        {
            var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/compliance/soc2.csv?by=clients");
            Assert.Equal(200, response.Status);
            Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
            Assert.Matches(CsvName(), response.Headers["content-disposition"]);
            Assert.Contains("compliance-soc2-clients-", response.Headers["content-disposition"], StringComparison.Ordinal);
            var lines = (await response.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            // Failing client first; the formula is defused and the comma and quotes are quoted.
            Assert.Equal("Control,Title,Strength,Acme Clinic,\"'=Evil, \"\"Inc\"\"\"", lines[0]);
            Assert.Contains("CC6.7,Data protected while in transmission,direct,fail (1 of 2 domains fail),pass (1 of 1 domains pass)", lines);
            Assert.DoesNotContain(lines, l => l.Contains("Stranger", StringComparison.Ordinal));

            Assert.Equal(404, (await page.APIRequest.GetAsync($"{app.BaseUrl}/compliance/cobit.csv")).Status);
            Assert.Equal(400, (await page.APIRequest.GetAsync($"{app.BaseUrl}/compliance/soc2.csv?by=planets")).Status);

            var anonymous = await app.NewPageAsync();
            var refused = await anonymous.APIRequest.GetAsync($"{app.BaseUrl}/compliance/soc2.csv", new() { Headers = ajax, MaxRedirects = 0 });
            Assert.Equal(401, refused.Status);
            Assert.DoesNotContain("Control,", await refused.TextAsync(), StringComparison.Ordinal);

            // Signed in but a member of no organization: forbidden.
            var loner = await app.CreateUserAsync($"loner-{Guid.NewGuid():N}@compliance.example");
            var lonerPage = await app.NewPageAsync();
            await lonerPage.GotoAsync($"{app.BaseUrl}/Account/Login");
            await lonerPage.FillAsync("input[name='Input.Email']", loner.Email);
            await lonerPage.FillAsync("input[name='Input.Password']", "Test-Password-123!");
            await lonerPage.ClickAsync("button[type=submit]");
            await lonerPage.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
            Assert.Equal(403, (await lonerPage.APIRequest.GetAsync($"{app.BaseUrl}/compliance/soc2.csv", new() { Headers = ajax })).Status);
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-compliance-csv");
            throw;
        }
    }

    [Fact]
    public async Task ClientPage_ShowsItsDomains_TrendChart_AndComplianceSummary_LinkingToTheFilteredMatrix()
    {
        var s = await SeedAsync("client");
        var page = await app.SignInAsync(s.Owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/clients/{s.Acme}");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#client-title")).ToHaveTextAsync("Acme Clinic");
            await Assertions.Expect(page.Locator("#client-domains [data-testid=domain-row]")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#client-domains [data-testid=domain-grade]")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#client-domains [data-testid=domain-row][data-name='failing.acme.test']"))
                .ToHaveAttributeAsync("href", $"domains/{s.Failing}");
            var chart = page.Locator("#client-trend-chart");
            await Assertions.Expect(chart.Locator(".apexcharts-svg")).ToHaveCountAsync(1);
            await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new Regex("Average score trend"));
            var soc2 = page.Locator("[data-testid=compliance-summary-row][data-framework=soc2]");
            await Assertions.Expect(soc2.Locator("[data-testid=summary-fail]")).ToHaveTextAsync("2");
            await Assertions.Expect(soc2.Locator("[data-testid=summary-pass]")).ToHaveTextAsync("3");
            await Assertions.Expect(page.Locator("[data-testid=compliance-summary-row]")).ToHaveCountAsync(5);
            await BrowserAppFixture.ScreenshotAsync(page, "client-page");

            await soc2.Locator("[data-testid=summary-fail]").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"compliance\\?framework=soc2&by=domains&client={s.Acme}"));
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#client-filter")).ToContainTextAsync("Acme Clinic");
            await Assertions.Expect(page.Locator("#compliance-matrix thead th.column-header")).ToHaveCountAsync(2);

            // Another organization's client is not found.
            await page.GotoAsync($"{app.BaseUrl}/clients/{s.StrangerClient}");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#client-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Stranger Clinic");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-client-page");
            throw;
        }
    }

    [GeneratedRegex(@"compliance-soc2-(domains|clients)-\d{4}-\d{2}-\d{2}\.csv")]
    private static partial Regex CsvName();
}
