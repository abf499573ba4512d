using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Scans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Scans;

public sealed class CapOfTwoAppFixture : WebAppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Quartz:Enabled"] = "false",
        ["Quartz:MaxConcurrentScansPerOrganization"] = "2",
    };
}

/// <summary>The per-organization cap: a tenant's excess scans wait in "queued"; other tenants are not held back.</summary>
[Trait("Category", "Integration")]
public sealed class OrganizationScanCapTests(CapOfTwoAppFixture app) : IClassFixture<CapOfTwoAppFixture>
{
    private async Task<(Guid Org, List<Guid> ScanIds)> ArrangeQueuedAsync(int count)
    {
        var owner = await app.CreateUserAsync($"cap-{Guid.NewGuid():N}@cap.example", "Cap Org");
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = "c" };
            db.Clients.Add(client);
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var domain = new MonitoredDomain { ClientId = client.Id, Name = $"d{i}-{Guid.NewGuid():N}"[..16] + ".example.com", DisplayName = "d" };
                var scan = new Scan { DomainId = domain.Id, QueuedAt = DateTimeOffset.UtcNow };
                db.AddRange(domain, scan);
                ids.Add(scan.Id);
            }
            await db.SaveChangesAsync();
            return (owner.Org, ids);
        }
    }

    private async Task<ScanStart> TryStartAsync(Guid scanId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScanExecution>().TryStartAsync(scanId, recovering: false, "test-node", CancellationToken.None);
    }

    [Fact]
    public async Task TryStart_BeyondTheCap_LeavesTheScanQueued_WhileAnotherOrganizationStillStarts()
    {
        var (orgA, scansA) = await ArrangeQueuedAsync(3);
        var (_, scansB) = await ArrangeQueuedAsync(1);

        Assert.Equal(ScanStart.Started, await TryStartAsync(scansA[0]));
        Assert.Equal(ScanStart.Started, await TryStartAsync(scansA[1]));
        Assert.Equal(ScanStart.AtOrganizationCapacity, await TryStartAsync(scansA[2]));
        Assert.Equal(ScanStart.Started, await TryStartAsync(scansB[0]));
        // A scan already claimed is never claimed twice.
        Assert.Equal(ScanStart.NothingToDo, await TryStartAsync(scansA[0]));

        var (scope, db) = await app.DbForTenantAsync(orgA);
        await using (scope)
        await using (db)
        {
            var statuses = await db.Scans.ToDictionaryAsync(s => s.Id, s => s.Status);
            Assert.Equal(ScanStatus.Running, statuses[scansA[0]]);
            Assert.Equal(ScanStatus.Running, statuses[scansA[1]]);
            Assert.Equal(ScanStatus.Queued, statuses[scansA[2]]);
        }
    }

    [Fact]
    public async Task TryStart_ManyAtOnce_NeverExceedsTheCap()
    {
        var (org, scans) = await ArrangeQueuedAsync(8);
        var results = await Task.WhenAll(scans.Select(TryStartAsync));

        Assert.Equal(2, results.Count(r => r == ScanStart.Started));
        var (scope, db) = await app.DbForTenantAsync(org);
        await using (scope)
        await using (db)
        {
            Assert.Equal(2, await db.Scans.CountAsync(s => s.Status == ScanStatus.Running));
        }
    }
}
