using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Scans;

/// <summary>Scans are arranged directly in the database (the scheduler is off here), so they stay queued.</summary>
[Trait("Category", "Integration")]
public sealed class ScanQueriesAndCancellationTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<(TestMember Owner, Scan Queued, Scan Done)> ArrangeAsync(string orgName)
    {
        var owner = await app.CreateUserAsync($"q-{Guid.NewGuid():N}@q.example", orgName);
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = orgName + " client" };
            var domain = new MonitoredDomain { ClientId = client.Id, Name = $"{Guid.NewGuid():N}.example.com", DisplayName = "d" };
            var done = new Scan { DomainId = domain.Id, QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-10) };
            done.MarkRunning(DateTimeOffset.UtcNow.AddMinutes(-9));
            done.Complete(91, "A", "low", 1, "{}", DateTimeOffset.UtcNow.AddMinutes(-8));
            var queued = new Scan { DomainId = domain.Id, QueuedAt = DateTimeOffset.UtcNow };
            db.AddRange(client, domain, done, queued);
            await db.SaveChangesAsync();
            return (owner, queued, done);
        }
    }

    [Fact]
    public async Task List_ShowsOnlyTheOrganizationsScans_NewestFirst_AndFilters()
    {
        var (a, queuedA, doneA) = await ArrangeAsync("Org A");
        await ArrangeAsync("Org B");
        await using var scope = app.ScopeFor(a);
        var queries = scope.ServiceProvider.GetRequiredService<ScanQueries>();

        var all = await queries.ListAsync(new ScanListQuery(), CancellationToken.None);
        Assert.Equal(2, all.Total);
        Assert.Equal([queuedA.Id, doneA.Id], all.Items.Select(s => s.Id));
        var completed = await queries.ListAsync(new ScanListQuery(Status: ScanStatus.Completed), CancellationToken.None);
        Assert.Equal(doneA.Id, Assert.Single(completed.Items).Id);
        Assert.InRange(completed.Items[0].Duration(DateTimeOffset.UtcNow)!.Value.TotalSeconds, 59, 61);
    }

    [Fact]
    public async Task Cancel_QueuedScan_FailsItWithWhoCancelled_AndAudits()
    {
        var (owner, queued, _) = await ArrangeAsync("Cancel Org");
        await using (var scope = app.ScopeFor(owner))
        {
            await scope.ServiceProvider.GetRequiredService<ScanCancellation>().CancelAsync(queued.Id, CancellationToken.None);
        }
        var (dbScope, db) = await app.DbForTenantAsync(owner.Org);
        await using (dbScope)
        await using (db)
        {
            var scan = await db.Scans.SingleAsync(s => s.Id == queued.Id);
            Assert.Equal(ScanStatus.Failed, scan.Status);
            Assert.Equal($"cancelled by {owner.Email}", scan.FailureReason);
            Assert.Single(await db.AuditEvents.Where(e => e.Action == "scan.cancelled").ToListAsync());
        }
    }

    [Fact]
    public async Task Cancel_FinishedScan_IsRefusedWithAClearMessage()
    {
        var (owner, _, done) = await ArrangeAsync("Done Org");
        await using var scope = app.ScopeFor(owner);
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.ServiceProvider.GetRequiredService<ScanCancellation>().CancelAsync(done.Id, CancellationToken.None));
        Assert.Contains("already completed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ByViewer_IsDenied_AndOtherOrganizationsScan_IsNotFound()
    {
        var (owner, queued, _) = await ArrangeAsync("Guard Org");
        var viewer = await app.CreateUserAsync($"v-{Guid.NewGuid():N}@q.example");
        await app.AddMemberAsync(owner.Org, viewer, OrganizationRole.Viewer);
        await using (var scope = app.ScopeFor(viewer))
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() =>
                scope.ServiceProvider.GetRequiredService<ScanCancellation>().CancelAsync(queued.Id, CancellationToken.None));
        }
        var stranger = await app.CreateUserAsync($"s-{Guid.NewGuid():N}@q.example", "Stranger Org");
        await using (var scope = app.ScopeFor(stranger))
        {
            await Assert.ThrowsAsync<ValidationFailedException>(() =>
                scope.ServiceProvider.GetRequiredService<ScanCancellation>().CancelAsync(queued.Id, CancellationToken.None));
        }
        var (dbScope, db) = await app.DbForTenantAsync(owner.Org);
        await using (dbScope)
        await using (db)
        {
            Assert.Equal(ScanStatus.Queued, (await db.Scans.SingleAsync(s => s.Id == queued.Id)).Status);
        }
    }

    [Fact]
    public async Task RequestClient_ScansEveryDomainOnce_CountingThoseAlreadyQueued()
    {
        var (owner, queued, _) = await ArrangeAsync("Scan All Org");
        Guid clientId;
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            clientId = await db.Domains.Where(d => d.Id == queued.DomainId).Select(d => d.ClientId).SingleAsync();
            db.Domains.Add(new MonitoredDomain { ClientId = clientId, Name = $"{Guid.NewGuid():N}.example.org", DisplayName = "x" });
            db.Domains.Add(new MonitoredDomain { ClientId = clientId, Name = $"{Guid.NewGuid():N}.example.net", DisplayName = "y" });
            await db.SaveChangesAsync();
        }

        await using var memberScope = app.ScopeFor(owner);
        var result = await memberScope.ServiceProvider.GetRequiredService<ScanRequests>().RequestClientAsync(clientId, CancellationToken.None);

        Assert.Equal(new ClientScanRequest(3, 2), result);
        Assert.Equal("Queued 2 of 3 domains (1 already queued or running).", result.Describe());
        var (checkScope, check) = await app.DbForTenantAsync(owner.Org);
        await using (checkScope)
        await using (check)
        {
            Assert.Equal(3, await check.Scans.CountAsync(s => s.Status == ScanStatus.Queued));
        }
    }

    [Fact]
    public async Task Request_FiveAtOnceForOneDomain_CreateOneScan()
    {
        // The scheduler is off in this fixture, so the scan stays queued while the requests race.
        var owner = await app.CreateUserAsync($"twice-{Guid.NewGuid():N}@q.example", "Twice Org");
        Guid domainId;
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = "c" };
            var domain = new MonitoredDomain { ClientId = client.Id, Name = "twice.example.com", DisplayName = "twice.example.com" };
            db.AddRange(client, domain);
            await db.SaveChangesAsync();
            domainId = domain.Id;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            await using var s = app.ScopeFor(owner);
            return await s.ServiceProvider.GetRequiredService<ScanRequests>().RequestAsync(domainId, CancellationToken.None);
        }));

        Assert.Single(results.Select(r => r.Scan.Id).Distinct());
        Assert.Single(results, r => r.Created);
        var (checkScope, check) = await app.DbForTenantAsync(owner.Org);
        await using (checkScope)
        await using (check)
        {
            Assert.Equal(1, await check.Scans.CountAsync(s => s.DomainId == domainId));
        }
    }
}
