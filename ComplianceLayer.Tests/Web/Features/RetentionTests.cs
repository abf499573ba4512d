using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Privacy;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features;

[Trait("Category", "Integration")]
public sealed class RetentionTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<(Guid Org, Guid OldScan, Guid RecentScan, Guid OldQueued)> ArrangeAsync(string plan, int oldDays)
    {
        var owner = await app.CreateUserAsync($"r-{Guid.NewGuid():N}@r.example", $"Retention {plan}");
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == owner.Org);
            organization.PlanCode = plan;
            var client = new Client { Name = "c" };
            var domain = new MonitoredDomain { ClientId = client.Id, Name = $"{Guid.NewGuid():N}.example.com", DisplayName = "d" };
            var domain2 = new MonitoredDomain { ClientId = client.Id, Name = $"{Guid.NewGuid():N}.example.com", DisplayName = "d2" };
            Scan Finished(DateTimeOffset at)
            {
                var scan = new Scan { DomainId = domain.Id, QueuedAt = at };
                scan.MarkRunning(at);
                scan.Complete(80, "B", "low_medium", 1, "{}", at.AddMinutes(1));
                return scan;
            }
            var old = Finished(DateTimeOffset.UtcNow.AddDays(-oldDays));
            var recent = Finished(DateTimeOffset.UtcNow.AddDays(-1));
            var oldQueued = new Scan { DomainId = domain2.Id, QueuedAt = DateTimeOffset.UtcNow.AddDays(-oldDays) };
            db.AddRange(client, domain, domain2, old, recent, oldQueued);
            db.Findings.Add(new Finding { ScanId = old.Id, DomainId = domain.Id, Code = "x.y", Fingerprint = "x.y", Module = "ssl", Title = "t", Severity = Severity.Low });
            db.Findings.Add(new Finding { ScanId = recent.Id, DomainId = domain.Id, Code = "x.y", Fingerprint = "x.y", Module = "ssl", Title = "t", Severity = Severity.Low });
            await db.SaveChangesAsync();
            return (owner.Org, old.Id, recent.Id, oldQueued.Id);
        }
    }

    private async Task<List<Guid>> ScanIdsAsync(Guid org)
    {
        var (scope, db) = await app.DbForTenantAsync(org);
        await using (scope)
        await using (db)
        {
            return await db.Scans.Select(s => s.Id).ToListAsync();
        }
    }

    [Fact]
    public async Task Run_DeletesOnlyWhatIsPastEachOrganizationsWindow_AndAudits()
    {
        var starter = await ArrangeAsync("starter", oldDays: 45);   // past 30 days
        var pro = await ArrangeAsync("pro", oldDays: 45);           // within 365 days

        var results = await app.Services.GetRequiredService<ScanHistoryRetention>().RunAsync(CancellationToken.None);

        var starterResult = Assert.Single(results, r => r.OrganizationId == starter.Org);
        Assert.Equal((1, 1), (starterResult.ScansDeleted, starterResult.FindingsDeleted));
        Assert.DoesNotContain(results, r => r.OrganizationId == pro.Org);
        var starterIds = await ScanIdsAsync(starter.Org);
        Assert.DoesNotContain(starter.OldScan, starterIds);
        Assert.Contains(starter.RecentScan, starterIds);
        Assert.Contains(starter.OldQueued, starterIds);   // never pulled from under a job
        Assert.Equal(3, (await ScanIdsAsync(pro.Org)).Count);

        var (scope, db) = await app.DbForTenantAsync(starter.Org);
        await using (scope)
        await using (db)
        {
            var audit = Assert.Single(await db.AuditEvents.Where(e => e.Action == "retention.scans_deleted").ToListAsync());
            Assert.StartsWith("Deleted 1 scans and 1 findings", audit.Summary, StringComparison.Ordinal);
            Assert.Equal(1, await db.Findings.CountAsync());
        }
    }

    [Theory]
    [InlineData("trial", 30)]
    [InlineData("starter", 30)]
    [InlineData("pro", 365)]
    [InlineData("business", 365)]
    [InlineData("unknown-plan", 30)]
    public void Policy_HistoryWindowByPlan_FollowsThePrivacyPolicy(string plan, int days) =>
        Assert.Equal(TimeSpan.FromDays(days), app.Services.GetRequiredService<PlanCatalog>().ScanHistoryWindow(plan));
}
