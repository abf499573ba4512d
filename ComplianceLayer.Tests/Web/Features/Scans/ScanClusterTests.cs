using System.Net;
using System.Net.Sockets;
using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Scanning.Net;
using ComplianceLayer.Web.Features.Scans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Scans;

/// <summary>Several app nodes on one database: each scan runs exactly once, and a killed node's scan is not lost.</summary>
[Trait("Category", "Integration")]
public sealed class ScanClusterTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IDisposable
{
    private readonly LoopbackDnsServer _dns = new();

    public void Dispose() => _dns.Dispose();

    private Dictionary<string, string> NodeSettings(int httpsPort = 443) => LoopbackScannerSettings.For(_dns,
            ("Scanning:RequestTimeout", "00:00:02"),
            ("Scanning:ModuleTimeout", "00:00:08"),
            ("Scanning:HttpsPort", httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Quartz:Enabled", "true"),
            ("Quartz:MaxConcurrency", "4"),
            ("Quartz:ClusterCheckinInterval", "00:00:01"),
            ("Quartz:MaxConcurrentScansPerOrganization", "8"))
        .ToDictionary(s => s.Key, s => s.Value!);

    private async Task<(TestMember Owner, List<Guid> DomainIds)> ArrangeAsync(int domains, string address)
    {
        var owner = await app.CreateUserAsync($"cluster-{Guid.NewGuid():N}@c.example", "Cluster Org");
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = "c" };
            db.Clients.Add(client);
            var ids = new List<Guid>();
            for (var i = 0; i < domains; i++)
            {
                var name = $"n{i}-{Guid.NewGuid():N}"[..20] + ".example.com";
                _dns.AddA(name, address);
                var domain = new MonitoredDomain { ClientId = client.Id, Name = name, DisplayName = name };
                db.Domains.Add(domain);
                ids.Add(domain.Id);
            }
            await db.SaveChangesAsync();
            return (owner, ids);
        }
    }

    private async Task<List<Scan>> ScansAsync(Guid organizationId)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            return await db.Scans.AsNoTracking().ToListAsync();
        }
    }

    private async Task<List<Scan>> WaitUntilAsync(Guid organizationId, Func<List<Scan>, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var scans = await ScansAsync(organizationId);
            if (done(scans))
            {
                return scans;
            }
            Assert.True(DateTime.UtcNow < deadline, "timed out: " + string.Join(", ", scans.Select(s => $"{s.JobId}={s.Status}")));
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task TwoAppProcesses_TwentyRequestedScans_EachRunsExactlyOnce()
    {
        var (owner, domainIds) = await ArrangeAsync(20, "127.80.0.1");
        await using var nodeA = AppProcess.Start(app.ConnectionString, NodeSettings());
        await using var nodeB = AppProcess.Start(app.ConnectionString, NodeSettings());

        await using (var scope = app.ScopeFor(owner))
        {
            var requests = scope.ServiceProvider.GetRequiredService<ScanRequests>();
            foreach (var domainId in domainIds)
            {
                await requests.RequestAsync(domainId, CancellationToken.None);
            }
        }

        var scans = await WaitUntilAsync(owner.Org, s => s.Count == 20 && s.All(x => !x.IsActive), TimeSpan.FromMinutes(3));
        Assert.All(scans, s => Assert.Equal(1, s.Attempts));
        Assert.All(scans, s => Assert.Equal(ScanStatus.Completed, s.Status));
        Assert.Equal(20, scans.Select(s => s.DomainId).Distinct().Count());
        // Which node ran what is up to the cluster; both are allowed to, neither is required to.
        Assert.All(scans, s => Assert.False(string.IsNullOrEmpty(s.RunBy)));
        Assert.False(nodeA.HasExited, nodeA.Output);
        Assert.False(nodeB.HasExited, nodeB.Output);
    }

    [Fact]
    public async Task NodeKilledMidScan_ScanIsRecoveredAndCompletesOnce()
    {
        // A target that accepts TCP connections and never answers: the TLS probing waits, so the scan stays running.
        using var tarpit = new TcpListener(IPAddress.Parse("127.81.0.1"), 0);
        tarpit.Start();
        var held = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    held.Add(await tarpit.AcceptSocketAsync());
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException)
                {
                    return;
                }
            }
        });
        var port = ((IPEndPoint)tarpit.LocalEndpoint).Port;
        var (owner, domainIds) = await ArrangeAsync(1, "127.81.0.1");
        var settings = NodeSettings(port);

        await using (var first = AppProcess.Start(app.ConnectionString, settings))
        {
            await using (var scope = app.ScopeFor(owner))
            {
                await scope.ServiceProvider.GetRequiredService<ScanRequests>().RequestAsync(domainIds[0], CancellationToken.None);
            }
            await WaitUntilAsync(owner.Org, s => s.Single().Status == ScanStatus.Running, TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }
        Assert.Equal(ScanStatus.Running, (await ScansAsync(owner.Org)).Single().Status);

        await using var second = AppProcess.Start(app.ConnectionString, settings);
        var scans = await WaitUntilAsync(owner.Org, s => s.Single().Status == ScanStatus.Completed, TimeSpan.FromSeconds(120));

        var scan = Assert.Single(scans);
        Assert.Equal(2, scan.Attempts);
        var (dbScope, db) = await app.DbForTenantAsync(owner.Org);
        await using (dbScope)
        await using (db)
        {
            var fingerprints = await db.Findings.Where(f => f.ScanId == scan.Id).Select(f => f.Fingerprint).ToListAsync();
            Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
            Assert.NotEmpty(fingerprints);
        }
        tarpit.Stop();
        held.ForEach(s => s.Dispose());
    }
}
