using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Scans;

[Trait("Category", "Integration")]
public sealed class ScanLifecycleTests(ScanningAppFixture app) : IClassFixture<ScanningAppFixture>
{
    private async Task<(TestMember Owner, Guid DomainId)> ArrangeDomainAsync(string name)
    {
        var owner = await app.CreateUserAsync($"scan-{Guid.NewGuid():N}@s.example", "Scan Org");
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = "Client" };
            var domain = new MonitoredDomain { ClientId = client.Id, Name = name, DisplayName = name };
            db.Clients.Add(client);
            db.Domains.Add(domain);
            await db.SaveChangesAsync();
            return (owner, domain.Id);
        }
    }

    private async Task<Scan> WaitForFinishAsync(Guid organizationId, Guid scanId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (scope, db) = await app.DbForTenantAsync(organizationId);
            await using (scope)
            await using (db)
            {
                var scan = await db.Scans.AsNoTracking().SingleAsync(s => s.Id == scanId);
                if (scan.Status is ScanStatus.Completed or ScanStatus.Failed)
                {
                    return scan;
                }
                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"scan {scan.JobId} still {scan.Status} after 60 s");
                }
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Request_UnresolvableDomain_ReachesFailedWithItsReason()
    {
        var (owner, domainId) = await ArrangeDomainAsync("gone-away.example.com");
        await using var scope = app.ScopeFor(owner);
        var requested = await scope.ServiceProvider.GetRequiredService<ScanRequests>().RequestAsync(domainId, CancellationToken.None);

        Assert.True(requested.Created);
        Assert.Equal(ScanStatus.Queued, requested.Scan.Status);
        Assert.StartsWith("cl_job_", requested.Scan.JobId, StringComparison.Ordinal);
        var finished = await WaitForFinishAsync(owner.Org, requested.Scan.Id);
        Assert.Equal(ScanStatus.Failed, finished.Status);
        Assert.StartsWith("domain does not resolve", finished.FailureReason, StringComparison.Ordinal);
        Assert.NotNull(finished.StartedAt);
        Assert.NotNull(finished.FinishedAt);
    }

    [Fact]
    public async Task Request_ByViewer_IsDenied()
    {
        var (owner, domainId) = await ArrangeDomainAsync("viewer.example.com");
        var viewer = await app.CreateUserAsync($"v-{Guid.NewGuid():N}@s.example");
        await app.AddMemberAsync(owner.Org, viewer, OrganizationRole.Viewer);
        await using var scope = app.ScopeFor(viewer);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            scope.ServiceProvider.GetRequiredService<ScanRequests>().RequestAsync(domainId, CancellationToken.None));
    }

    [Fact]
    public async Task Request_DomainOfAnotherOrganization_IsNotFound()
    {
        var (_, domainOfA) = await ArrangeDomainAsync("theirs.example.com");
        var other = await app.CreateUserAsync($"o-{Guid.NewGuid():N}@s.example", "Other Org");
        await using var scope = app.ScopeFor(other);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.ServiceProvider.GetRequiredService<ScanRequests>().RequestAsync(domainOfA, CancellationToken.None));
    }

    [Fact]
    public async Task Sweeper_QueuedScanThatLostItsTrigger_IsPutBackOnTheQueueAndRuns()
    {
        var (owner, domainId) = await ArrangeDomainAsync("orphan.example.com");
        Guid scanId;
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            // As if the process died between inserting the scan and scheduling its trigger.
            var scan = new Scan { DomainId = domainId, QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-10) };
            db.Scans.Add(scan);
            await db.SaveChangesAsync();
            scanId = scan.Id;
        }

        // The sweeper's own minutely trigger may get there first; either way the scan must be put back and run.
        await using var sweepScope = app.Services.CreateAsyncScope();
        await sweepScope.ServiceProvider.GetRequiredService<ScanSweeper>().SweepAsync(CancellationToken.None);

        var finished = await WaitForFinishAsync(owner.Org, scanId);
        Assert.Equal(ScanStatus.Failed, finished.Status);
        Assert.StartsWith("domain does not resolve", finished.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ReachableDomain_ReachesCompletedWithReportAndFindingsStored()
    {
        // Nothing listens on this loopback address: every module meets a real but empty host.
        app.Dns.AddA("quiet.example.com", "127.77.0.1");
        var (owner, domainId) = await ArrangeDomainAsync("quiet.example.com");
        await using var scope = app.ScopeFor(owner);
        var requested = await scope.ServiceProvider.GetRequiredService<ScanRequests>().RequestAsync(domainId, CancellationToken.None);

        var finished = await WaitForFinishAsync(owner.Org, requested.Scan.Id);

        Assert.True(finished.Status == ScanStatus.Completed, finished.FailureReason);
        Assert.InRange(finished.Score!.Value, 0, 100);
        Assert.NotNull(finished.Grade);
        Assert.NotNull(finished.RiskLevel);
        Assert.Equal(ComplianceLayer.Domain.Scoring.ScoringPolicy.Version, finished.AlgorithmVersion);
        var report = ComplianceLayer.Domain.Reports.ReportJson.Deserialize(finished.ReportJson!);
        Assert.Equal("quiet.example.com", report.Domain);
        Assert.Equal(finished.ReportId, report.ReportId);
        Assert.Equal(finished.Score, report.Score);
        Assert.Contains(report.Issues, i => i.Code == "ssl.no_https");
        var (dbScope, db) = await app.DbForTenantAsync(owner.Org);
        await using (dbScope)
        await using (db)
        {
            var findings = await db.Findings.Where(f => f.ScanId == finished.Id).Select(f => f.Fingerprint).ToListAsync();
            Assert.Equal(report.Issues.Select(i => i.Fingerprint).Order(StringComparer.Ordinal), findings.Order(StringComparer.Ordinal));
        }
    }
}
