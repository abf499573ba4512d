using System.Collections.Concurrent;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning;
using ComplianceLayer.Tests.Scanning.Net;
using DnsClient;

namespace ComplianceLayer.Tests.Scanning;

[Trait("Category", "Integration")]
public sealed class ScanEngineTests : IDisposable
{
    private readonly LoopbackDnsServer _dns = new();

    public ScanEngineTests()
    {
        _dns.AddA("shop.example.com", "127.0.0.1").AddTxt("shop.example.com", "v=spf1 -all");
        _dns.AddA("intranet.example.com", "10.0.0.1");
    }

    public void Dispose() => _dns.Dispose();

    /// <summary>A module that does what the test says: the engine's contract is what is under test here.</summary>
    private sealed class ScriptedModule(string key, Func<ScanContext, CancellationToken, Task<ModuleOutcome>> run) : IScanModule
    {
        public string Key => key;

        public Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken) => run(context, cancellationToken);
    }

    private static ScriptedModule Completing(string key, params Issue[] issues) =>
        new(key, (_, _) => Task.FromResult(ModuleOutcome.Completed(key, issues)));

    [Fact]
    public async Task RunAsync_AllModulesComplete_ReturnsScoredReportWithEveryModule()
    {
        using var harness = ScanTestHarness.Create(_dns);
        var issue = new Issue(ModuleKeys.Headers, "headers.hsts.missing", Severity.High, "HSTS missing", "Add HSTS", "no Strict-Transport-Security header");
        var engine = harness.Engine(Completing(ModuleKeys.Ssl), Completing(ModuleKeys.Headers, issue));

        var result = await engine.RunAsync("shop.example.com", null, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("shop.example.com", result.Report!.Domain);
        Assert.Equal(100, result.Report.Modules[ModuleKeys.Ssl].Score);
        Assert.Equal(80, result.Report.Modules[ModuleKeys.Headers].Score);
        Assert.Equal(90, result.Report.Score);
        Assert.Single(result.Report.Issues);
    }

    [Fact]
    public async Task RunAsync_ModuleThrows_BecomesErrorOutcomeAndCaveat_ScanStillCompletes()
    {
        using var harness = ScanTestHarness.Create(_dns);
        var broken = new ScriptedModule(ModuleKeys.Ports, (_, _) => throw new InvalidOperationException("boom"));
        var result = await harness.Engine(Completing(ModuleKeys.Ssl), broken).RunAsync("shop.example.com", null, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.FailureReason);
        var ports = result.Report!.Modules[ModuleKeys.Ports];
        Assert.Equal(ModuleStatus.Error, ports.Status);
        Assert.Contains("boom", ports.Error, StringComparison.Ordinal);
        Assert.Contains(result.Report.Caveats, c => c.Contains("(ports)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ModuleExceedsTimeout_IsReportedAsTimedOut()
    {
        using var harness = ScanTestHarness.Create(_dns);
        var slow = new ScriptedModule(ModuleKeys.Dnssec, async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return ModuleOutcome.Completed(ModuleKeys.Dnssec, []);
        });
        var options = new ScanRunOptions { ModuleTimeout = TimeSpan.FromMilliseconds(200) };

        var result = await harness.Engine(Completing(ModuleKeys.Ssl), slow).RunAsync("shop.example.com", options, null, CancellationToken.None);

        Assert.Equal(ModuleStatus.Error, result.Report!.Modules[ModuleKeys.Dnssec].Status);
        Assert.Contains("timed out", result.Report.Modules[ModuleKeys.Dnssec].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NonexistentDomain_FailsWithDoesNotResolve()
    {
        using var harness = ScanTestHarness.Create(_dns);
        var result = await harness.Engine(Completing(ModuleKeys.Ssl)).RunAsync("missing.example.com", null, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("domain does not resolve", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidDomain_FailsBeforeAnyLookup()
    {
        using var harness = ScanTestHarness.Create(_dns);
        var result = await harness.Engine(Completing(ModuleKeys.Ssl)).RunAsync("http://shop.example.com/x", null, null, CancellationToken.None);

        Assert.StartsWith("invalid domain", result.FailureReason, StringComparison.Ordinal);
        Assert.Empty(_dns.Queries);
    }

    [Fact]
    public async Task RunAsync_DomainResolvingToPrivateAddress_IsRefusedWhenPrivateNetworksAreNotAllowed()
    {
        using var harness = ScanTestHarness.Create(_dns, o => o.AllowPrivateNetworks = false);
        var ran = false;
        var module = new ScriptedModule(ModuleKeys.Ssl, (_, _) => { ran = true; return Task.FromResult(ModuleOutcome.Completed(ModuleKeys.Ssl, [])); });

        var result = await harness.Engine(module).RunAsync("intranet.example.com", null, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("10.0.0.1", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("private", result.FailureReason, StringComparison.OrdinalIgnoreCase);
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_ReportsProgressOncePerModule()
    {
        using var harness = ScanTestHarness.Create(_dns);
        var seen = new ConcurrentBag<ModuleProgress>();
        var progress = new SynchronousProgress(seen.Add);

        await harness.Engine(Completing(ModuleKeys.Ssl), Completing(ModuleKeys.Waf)).RunAsync("shop.example.com", null, progress, CancellationToken.None);

        Assert.Equal([ModuleKeys.Ssl, ModuleKeys.Waf], seen.Select(p => p.Module).Order(StringComparer.Ordinal));
        Assert.All(seen, p => Assert.Equal(100, p.Score));
    }

    [Fact]
    public async Task RunAsync_TwoModulesAskTheSameDnsQuestion_ItIsAskedOnce()
    {
        using var harness = ScanTestHarness.Create(_dns);
        async Task<ModuleOutcome> AskSpf(string key, ScanContext context)
        {
            var answer = await context.QueryAsync("shop.example.com", QueryType.TXT);
            Assert.NotEmpty(answer.Records);
            return ModuleOutcome.Completed(key, []);
        }
        var a = new ScriptedModule(ModuleKeys.DnsEmail, (c, _) => AskSpf(ModuleKeys.DnsEmail, c));
        var b = new ScriptedModule(ModuleKeys.Dnssec, (c, _) => AskSpf(ModuleKeys.Dnssec, c));

        await harness.Engine(a, b).RunAsync("shop.example.com", null, null, CancellationToken.None);

        Assert.Single(_dns.Queries, q => q.Name.TrimEnd('.') == "shop.example.com" && q.Type == (ushort)QueryType.TXT);
    }

    [Fact]
    public async Task RunAsync_ModuleFilter_RunsOnlyTheNamedModules()
    {
        using var harness = ScanTestHarness.Create(_dns);
        var result = await harness.Engine(Completing(ModuleKeys.Ssl), Completing(ModuleKeys.Headers))
            .RunAsync("shop.example.com", new ScanRunOptions { Modules = new HashSet<string> { ModuleKeys.Headers } }, null, CancellationToken.None);

        Assert.Equal(ModuleStatus.Completed, result.Report!.Modules[ModuleKeys.Headers].Status);
        Assert.Equal(ModuleStatus.NotTested, result.Report.Modules[ModuleKeys.Ssl].Status);
    }

    private sealed class SynchronousProgress(Action<ModuleProgress> report) : IProgress<ModuleProgress>
    {
        public void Report(ModuleProgress value) => report(value);
    }
}
