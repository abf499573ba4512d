using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

/// <summary>
/// shop.example.com resolving (only through the loopback DNS server) to 127.0.0.1, with an HTTPS and/or HTTP server per
/// test and a certificate from the test CA. Shared by the headers and cookies module tests.
/// </summary>
internal sealed class HeadersSiteFixture : IDisposable
{
    public const string Domain = "shop.example.com";

    private readonly LoopbackDnsServer _dns = new LoopbackDnsServer().AddA(Domain, "127.0.0.1");
    private readonly X509Certificate2 _certificate = TestCertificates.Leaf([Domain]);
    private readonly string _caPath = TestCertificates.WriteCaPem();

    /// <summary>Runs <paramref name="module"/> against the given handlers; a null handler means nothing listens on that port.</summary>
    public async Task<(ModuleOutcome Outcome, LoopbackHttpServer? Https, LoopbackHttpServer? Http)> RunAsync(
        IScanModule module, Func<TestHttpRequest, TestHttpResponse>? https, Func<TestHttpRequest, TestHttpResponse>? http = null)
    {
        await using var httpsServer = https is null ? null : new LoopbackHttpServer(https, certificate: _certificate);
        await using var httpServer = http is null ? null : new LoopbackHttpServer(http);
        using var harness = ScanTestHarness.Create(_dns, o =>
        {
            o.HttpsPort = httpsServer?.Port ?? Loopback.ClosedPort();
            o.HttpPort = httpServer?.Port ?? Loopback.ClosedPort();
            o.ExtraTrustedRootsPath = _caPath;
        });
        var context = await harness.ContextAsync(Domain);
        var outcome = await module.RunAsync(context, CancellationToken.None);
        return (outcome, httpsServer, httpServer);
    }

    /// <summary>Runs the real engine with <paramref name="modules"/> against one HTTPS handler.</summary>
    public async Task<ScanEngineResult> EngineAsync(Func<TestHttpRequest, TestHttpResponse> https, params IScanModule[] modules)
    {
        await using var httpsServer = new LoopbackHttpServer(https, certificate: _certificate);
        using var harness = ScanTestHarness.Create(_dns, o =>
        {
            o.HttpsPort = httpsServer.Port;
            o.HttpPort = Loopback.ClosedPort();
            o.ExtraTrustedRootsPath = _caPath;
        });
        return await harness.Engine(modules).RunAsync(Domain, null, null, CancellationToken.None);
    }

    public static TestHttpResponse Page(params (string Name, string Value)[] headers) =>
        new(200, [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value)), new("Content-Type", "text/html; charset=utf-8")], "<html><head></head><body>ok</body></html>"u8.ToArray());

    public static TestHttpResponse Html(string html, params (string Name, string Value)[] headers) =>
        new(200, [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value)), new("Content-Type", "text/html; charset=utf-8")], System.Text.Encoding.UTF8.GetBytes(html));

    public void Dispose()
    {
        _dns.Dispose();
        _certificate.Dispose();
        File.Delete(_caPath);
    }
}
