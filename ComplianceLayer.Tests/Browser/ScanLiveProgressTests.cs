using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ComplianceLayer.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ScanLiveProgressTests(BrowserAppFixture app) : IClassFixture<BrowserAppFixture>
{
    private async Task<Guid> QueryDomainIdAsync(Guid organizationId)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            return await db.Domains.Select(d => d.Id).SingleAsync();
        }
    }

    [Fact]
    public async Task ScansPage_OpenWhileAScanRuns_ShowsItCompleteWithoutReload_AndReportDownloadsOnlyForItsOrganization()
    {
        app.Dns.AddA("live.example.com", "127.78.0.1");   // nothing listens there: a quick, real scan
        var owner = await app.CreateUserAsync($"live-{Guid.NewGuid():N}@live.example", "Live MSP");
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = "Live client" };
            db.AddRange(client, new MonitoredDomain { ClientId = client.Id, Name = "live.example.com", DisplayName = "live.example.com" });
            await db.SaveChangesAsync();
        }

        var page = await app.SignInAsync(owner);
        try
        {
            // The scans page is open first: what follows must reach it live, with no navigation.
            await page.GotoAsync($"{app.BaseUrl}/scans");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#scans-empty")).ToBeVisibleAsync();
            await using (var memberScope = app.ScopeFor(owner))
            {
                var domainId = await QueryDomainIdAsync(owner.Org);
                await memberScope.ServiceProvider.GetRequiredService<ComplianceLayer.Web.Features.Scans.ScanRequests>()
                    .RequestAsync(domainId, CancellationToken.None);
            }
            var row = page.Locator("[data-testid=scan-row]").First;
            await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
            var link = page.Locator("[data-testid=report-link]").First;
            await Assertions.Expect(link).ToBeVisibleAsync();
            await BrowserAppFixture.ScreenshotAsync(page, "scans-completed");

            Assert.Equal($"{app.BaseUrl}/scans", page.Url);
            var href = await link.GetAttributeAsync("href");

            // Scan now from the domains page queues another scan and says so.
            await page.GotoAsync($"{app.BaseUrl}/domains");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await page.ClickAsync("[data-testid=scan-domain]");
            await Assertions.Expect(page.Locator(".mud-snackbar").First).ToContainTextAsync("live.example.com");

            var mine = await page.APIRequest.GetAsync($"{app.BaseUrl}/{href}.json");
            Assert.Equal(200, mine.Status);
            var body = await mine.TextAsync();
            using (var report = System.Text.Json.JsonDocument.Parse(body))
            {
                Assert.Equal("live.example.com", report.RootElement.GetProperty("domain").GetString());
            }
            // The field order of the API documentation, not jsonb's storage order.
            Assert.StartsWith("{\"domain\":", body.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

            var stranger = await app.CreateUserAsync($"other-{Guid.NewGuid():N}@live.example", "Other MSP");
            var otherPage = await app.SignInAsync(stranger);
            var theirs = await otherPage.APIRequest.GetAsync($"{app.BaseUrl}/{href}.json");
            Assert.Equal(404, theirs.Status);
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-scan-live");
            throw;
        }
    }

    [Fact]
    public async Task DomainPage_ScanNow_ShowsTheReportWhenItCompletes_WithoutReload()
    {
        app.Dns.AddA("report.example.com", "127.78.0.2");
        var owner = await app.CreateUserAsync($"rep-{Guid.NewGuid():N}@live.example", "Report MSP");
        Guid domainId;
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = "Report client" };
            var domain = new MonitoredDomain { ClientId = client.Id, Name = "report.example.com", DisplayName = "report.example.com" };
            db.AddRange(client, domain);
            await db.SaveChangesAsync();
            domainId = domain.Id;
        }

        var page = await app.SignInAsync(owner);
        try
        {
            await page.GotoAsync($"{app.BaseUrl}/domains/{domainId}");
            await BrowserAppFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#domain-never-scanned")).ToBeVisibleAsync();
            await page.ClickAsync("#scan-now");

            await Assertions.Expect(page.Locator("#report-headline")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=module-card]")).ToHaveCountAsync(8);
            await Assertions.Expect(page.Locator("[data-testid=issue][data-code='ssl.no_https']")).ToHaveCountAsync(1);
            // The first scan: nothing to compare with, and one completed row in the history, linked to its report.
            await Assertions.Expect(page.Locator("[data-testid=what-changed-empty]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#scan-history [data-testid=history-row][data-status=completed]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#scan-history [data-testid=history-report-link]")).ToHaveCountAsync(1);
            Assert.Equal($"{app.BaseUrl}/domains/{domainId}", page.Url);
            await BrowserAppFixture.ScreenshotAsync(page, "domain-report");
        }
        catch
        {
            await BrowserAppFixture.ScreenshotAsync(page, "failed-domain-report");
            throw;
        }
    }
}
