using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Hosting;

[Trait("Category", "Integration")]
public sealed class BenchSeedCommandTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Run_SeedsClientsDomainsAndCompletedScans_WithRealReportsAndFindings_InANewOrganization()
    {
        var email = $"bench-{Guid.NewGuid():N}@bench.invalid";
        int exit;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            exit = await BenchSeedCommand.RunAsync(scope.ServiceProvider,
                ["--domains", "40", "--clients", "4", "--scans", "117", "--email", email], TimeProvider.System);
        }
        Assert.Equal(0, exit);

        var (scope2, db) = await app.DbForTenantAsync(null);
        await using (scope2)
        await using (db)
        {
            var orgId = await db.Users.Where(u => u.Email == email).Select(u => u.CurrentOrganizationId).SingleAsync();
            var (tenantScope, tenantDb) = await app.DbForTenantAsync(orgId);
            await using (tenantScope)
            await using (tenantDb)
            {
                Assert.Equal(4, await tenantDb.Clients.CountAsync());
                Assert.Equal(40, await tenantDb.Domains.CountAsync());
                // Domain 33 of 40 is never scanned; the other 39 get 3 scans each.
                var perDomain = await tenantDb.Scans.GroupBy(s => s.DomainId).Select(g => g.Count()).ToListAsync();
                Assert.Equal(39, perDomain.Count);
                Assert.All(perDomain, n => Assert.Equal(3, n));
                Assert.Equal(117, await tenantDb.Scans.CountAsync(s => s.Status == ScanStatus.Completed));
                var scan = await tenantDb.Scans.OrderBy(s => s.Score).FirstAsync();
                var report = ReportJson.Deserialize(scan.ReportJson!);
                Assert.Equal((scan.Score, scan.Grade), (report.Score, ReportJson.ValueOf(report.Grade)));
                Assert.NotEmpty(report.Issues);
                Assert.NotEmpty(report.Compliance.Soc2);
                Assert.Equal(report.Issues.Count, await tenantDb.Findings.CountAsync(f => f.ScanId == scan.Id));
            }
        }
    }
}
