using System.Net;
using System.Text;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Ports;
using ComplianceLayer.Tests.Scanning.Net;
using Xunit.Abstractions;

namespace ComplianceLayer.Tests.Scanning.Modules.Ports;

/// <summary>The module against real listeners on well-known ports of 127.42.0.x (addresses no other test class uses).</summary>
[Trait("Category", "Integration")]
public sealed class PortsModuleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_ServicesWithBanners_IdentifiedAndRated()
    {
        var address = IPAddress.Parse("127.42.0.1");
        await using var listeners = new Listeners();
        if (!listeners.Start(output,
                (address, 21, Encoding.ASCII.GetBytes("220 (vsFTPd 3.0.5)\r\n"), false),
                (address, 22, Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n"), false),
                (address, 3306, PortFacts.MySqlGreeting("8.0.36"), false),
                (address, 3389, null, false),
                (address, 6379, Encoding.ASCII.GetBytes("-NOAUTH Authentication required.\r\n"), true)))
        {
            return;
        }

        using var dns = new LoopbackDnsServer().AddA("shop.example.com", address.ToString());
        using var harness = ScanTestHarness.Create(dns, o => o.Ports = [21, 22, 23, 3306, 3389, 6379]);

        var outcome = await new PortsModule().RunAsync(await harness.ContextAsync("shop.example.com"), CancellationToken.None);

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        var issues = outcome.Issues.ToDictionary(i => i.Fingerprint, i => i.Severity);
        Assert.Equal(
            new Dictionary<string, Severity>
            {
                ["ports.exposed.ftp:21"] = Severity.Medium,
                ["ports.exposed.ssh:22"] = Severity.Info,
                ["ports.exposed.mysql:3306"] = Severity.High,
                ["ports.exposed.rdp:3389"] = Severity.Critical,
                ["ports.exposed.redis:6379"] = Severity.High,
            },
            issues);
        Assert.Contains("SSH-2.0-OpenSSH_9.6p1", outcome.Issues.Single(i => i.Code == PortsCodes.Ssh).Evidence, StringComparison.Ordinal);

        var details = outcome.Details;
        Assert.Equal(5, (int)details["open_count"]!);
        Assert.Equal(1, (int)details["closed_count"]!);
        Assert.Equal(0, (int)details["filtered_count"]!);
        Assert.Equal("[21,22,23,3306,3389,6379]", details["ports_scanned"]!.ToJsonString());
        Assert.Equal("[\"127.42.0.1\"]", details["addresses_scanned"]!.ToJsonString());
        Assert.Empty(details["accepts_any_port"]!.AsArray());
        var open = details["open"]!.AsArray().ToDictionary(n => (int)n!["port"]!, n => n!);
        Assert.Equal("mysql", (string)open[3306]["service"]!);
        Assert.Equal("banner", (string)open[3306]["identified_by"]!);
        Assert.Equal("rdp", (string)open[3389]["service"]!);
        Assert.Equal("port", (string)open[3389]["identified_by"]!);
        Assert.Equal("", (string)open[3389]["banner"]!);
        Assert.Equal("127.42.0.1", (string)open[22]["address"]!);
        Assert.Contains("TCP connect scan of 6 ports on 1 address(es) from one vantage point", (string)details["caveat"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostAcceptingControlPorts_PortOnlyExposuresNotReported()
    {
        var address = IPAddress.Parse("127.42.0.2");
        await using var listeners = new Listeners();
        if (!listeners.Start(output,
                (address, PortsModule.ControlPorts[0], null, false),
                (address, PortsModule.ControlPorts[1], null, false),
                (address, 22, Encoding.ASCII.GetBytes("SSH-2.0-Test\r\n"), false),
                (address, 3389, null, false)))
        {
            return;
        }

        using var dns = new LoopbackDnsServer().AddA("shop.example.com", address.ToString());
        using var harness = ScanTestHarness.Create(dns, o => o.Ports = [22, 3389]);

        var outcome = await new PortsModule().RunAsync(await harness.ContextAsync("shop.example.com"), CancellationToken.None);

        Assert.Equal(["ports.accepts_any_port", "ports.exposed.ssh:22"], outcome.Issues.Select(i => i.Fingerprint).Order(StringComparer.Ordinal));
        Assert.Equal("[\"127.42.0.2\"]", outcome.Details["accepts_any_port"]!.ToJsonString());
        Assert.True((bool)outcome.Details["open"]!.AsArray().Single(n => (int)n!["port"]! == 3389)!["unverified"]!);
    }

    [Fact]
    public async Task RunAsync_SmtpOnTheDomainsMxHost_NoFindingButOnAnotherDomainInfo()
    {
        var address = IPAddress.Parse("127.42.0.3");
        await using var listeners = new Listeners();
        if (!listeners.Start(output, (address, 25, Encoding.ASCII.GetBytes("220 mx.shop.example.com ESMTP Postfix\r\n"), false)))
        {
            return;
        }

        using var dns = new LoopbackDnsServer()
            .AddA("shop.example.com", address.ToString())
            .AddMx("shop.example.com", 10, "mx.shop.example.com")
            .AddA("mx.shop.example.com", address.ToString())
            .AddA("web.example.com", address.ToString());
        using var harness = ScanTestHarness.Create(dns, o => o.Ports = [25]);

        var onMx = await new PortsModule().RunAsync(await harness.ContextAsync("shop.example.com"), CancellationToken.None);
        var notMx = await new PortsModule().RunAsync(await harness.ContextAsync("web.example.com"), CancellationToken.None);

        Assert.Empty(onMx.Issues);
        Assert.Equal("smtp", (string)onMx.Details["open"]![0]!["service"]!);
        var issue = Assert.Single(notMx.Issues);
        Assert.Equal("ports.exposed.smtp:25", issue.Fingerprint);
        Assert.Equal(Severity.Info, issue.Severity);
    }

    [Fact]
    public async Task RunAsync_NothingListening_CompletedWithoutIssuesAndPortsCountedClosed()
    {
        using var dns = new LoopbackDnsServer().AddA("shop.example.com", "127.42.0.4");
        using var harness = ScanTestHarness.Create(dns, o => o.Ports = [21, 22, 23, 3389]);

        var outcome = await new PortsModule().RunAsync(await harness.ContextAsync("shop.example.com"), CancellationToken.None);

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Empty(outcome.Issues);
        Assert.Equal(4, (int)outcome.Details["closed_count"]!);
        Assert.Empty(outcome.Details["open"]!.AsArray());
    }

    [Fact]
    public async Task RunAsync_DomainWithoutAddress_NotTested()
    {
        using var dns = new LoopbackDnsServer().AddMx("mail-only.example.com", 10, "mx.example.net");
        using var harness = ScanTestHarness.Create(dns);

        var outcome = await new PortsModule().RunAsync(await harness.ContextAsync("mail-only.example.com"), CancellationToken.None);

        Assert.Equal(ModuleStatus.NotTested, outcome.Status);
        Assert.Contains("no A or AAAA address", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MoreThanMaxAddresses_ScansTheFirstAndNamesTheRest()
    {
        var dns = new LoopbackDnsServer();
        using var _ = dns;
        for (var i = 1; i <= PortsModule.MaxAddresses + 1; i++)
        {
            dns.AddA("shop.example.com", $"127.42.0.{10 + i}");
        }

        using var harness = ScanTestHarness.Create(dns, o => o.Ports = [3389]);

        var outcome = await new PortsModule().RunAsync(await harness.ContextAsync("shop.example.com"), CancellationToken.None);

        Assert.Equal(PortsModule.MaxAddresses, outcome.Details["addresses_scanned"]!.AsArray().Count);
        Assert.Single(outcome.Details["addresses_not_scanned"]!.AsArray());
        Assert.Contains("Only the first 4 of 5 addresses were scanned", (string)outcome.Details["caveat"]!, StringComparison.Ordinal);
    }

    /// <summary>Starts the listeners a test needs; when a port cannot be bound the test says so and stops.</summary>
    private sealed class Listeners : IAsyncDisposable
    {
        private readonly List<BannerListener> _started = [];

        public bool Start(ITestOutputHelper output, params (IPAddress Address, int Port, byte[]? Banner, bool ReplyAfterInput)[] specs)
        {
            foreach (var (address, port, banner, replyAfterInput) in specs)
            {
                var listener = BannerListener.TryStart(address, port, banner, replyAfterInput);
                if (listener is null)
                {
                    output.WriteLine($"SKIPPED: cannot bind {address}:{port} (needs root for ports below 1024, or the port is in use).");
                    return false;
                }

                _started.Add(listener);
            }

            return true;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var listener in _started)
            {
                await listener.DisposeAsync();
            }
        }
    }
}
