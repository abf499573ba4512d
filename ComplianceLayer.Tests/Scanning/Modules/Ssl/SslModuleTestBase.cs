using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl;

/// <summary>Runs the ssl module against loopback fixtures for shop.example.com (127.0.0.1 via the loopback DNS server).</summary>
public abstract class SslModuleTestBase : IDisposable
{
    protected const string Domain = "shop.example.com";

    private readonly string _caPemPath = TestCertificates.WriteCaPem();

    protected LoopbackDnsServer Dns { get; } = new LoopbackDnsServer().AddA(Domain, "127.0.0.1").AddName("mailonly.example.com");

    protected async Task<ModuleOutcome> RunAsync(int httpsPort, int? httpPort = null, bool trustTestCa = true, string domain = Domain)
    {
        using var harness = ScanTestHarness.Create(Dns, o =>
        {
            o.HttpsPort = httpsPort;
            o.HttpPort = httpPort ?? Loopback.ClosedPort();
            o.ExtraTrustedRootsPath = trustTestCa ? _caPemPath : null;
        });
        var context = await harness.ContextAsync(domain);
        return await new SslModule().RunAsync(context, CancellationToken.None);
    }

    protected static string[] Codes(ModuleOutcome outcome) => [.. outcome.Issues.Select(i => i.Code).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        Dns.Dispose();
        File.Delete(_caPemPath);
        GC.SuppressFinalize(this);
    }
}
