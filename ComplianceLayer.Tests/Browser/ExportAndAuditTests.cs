using System.Text.RegularExpressions;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features;
using ComplianceLayer.Tests.Web.Features.Reports;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed partial class ExportAndAuditTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task ScansPage_ExportDownloadsCsv_AndTheAuditPageShowsTheExportAndACircuitActionWithTheirAddress()
    {
        var owner = await app.CreateUserAsync($"export-{Guid.NewGuid():N}@export.example", "Export MSP");
        var now = DateTimeOffset.UtcNow;
        await app.SeedDomainWithScansAsync(owner.Org, "export.example.com", [now.AddDays(-2), now.AddDays(-1), now.AddHours(-1)]);

        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/scans");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await page.ClickAsync("#scans-export");
            await Assertions.Expect(page.Locator("#export-count")).ToHaveAttributeAsync("data-scans", "3");
            await BrowserAppFixture.ScreenshotAsync(page, "export-dialog");
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-download"));
            Assert.EndsWith(".csv", download.SuggestedFilename);
            var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
            await download.SaveAsAsync(path);
            var lines = await File.ReadAllLinesAsync(path);
            File.Delete(path);
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("domain,client,scanned_at,score,grade,risk_level,ssl,", lines[0]);
            Assert.All(lines.Skip(1), l => Assert.StartsWith("export.example.com,Client of export.example.com,", l));

            // An action inside the interactive circuit: its audit event carries the address captured at circuit start.
            await page.GotoAsync($"{app.BaseUrl}/clients");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await page.ClickAsync("#add-client");
            await page.FillAsync("#client-name", "Audited Client");
            await page.ClickAsync("#save-client");
            await Assertions.Expect(page.Locator("#client-title")).ToHaveTextAsync("Audited Client");

            await page.GotoAsync($"{app.BaseUrl}/settings/audit");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            var exported = page.Locator("#audit-grid tr", new PageLocatorOptions { Has = page.Locator("[data-action='export.scans_downloaded']") });
            await Assertions.Expect(exported).ToHaveCountAsync(1);
            await Assertions.Expect(exported).ToContainTextAsync(Loopback());
            await Assertions.Expect(exported).ToContainTextAsync("Downloaded 3 scans of organization Export MSP as CSV");
            var created = page.Locator("#audit-grid tr", new PageLocatorOptions { Has = page.Locator("[data-action='client.created']") });
            await Assertions.Expect(created).ToContainTextAsync(Loopback());

            await page.FillAsync("#audit-action", "client.");
            await Assertions.Expect(page.Locator("[data-testid=audit-row]")).ToHaveCountAsync(1);
            await BrowserAppFixture.ScreenshotAsync(page, "audit-log");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-export-audit");
            throw;
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1|::1")]
    private static partial Regex Loopback();
}
