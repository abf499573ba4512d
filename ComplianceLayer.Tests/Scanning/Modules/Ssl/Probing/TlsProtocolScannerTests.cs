using System.Net;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Probing;

[Trait("Category", "Integration")]
public sealed class TlsProtocolScannerTests : IDisposable
{
    private readonly LoopbackDnsServer _dns = new();
    private readonly ScanTestHarness _harness;

    public TlsProtocolScannerTests() => _harness = ScanTestHarness.Create(_dns);

    public void Dispose()
    {
        _harness.Dispose();
        _dns.Dispose();
    }

    private Task<ProtocolScan> ScanAsync(int port, double timeoutSeconds = 3, double budgetSeconds = 20) =>
        new TlsProtocolScanner(_harness.Connector, TimeSpan.FromSeconds(timeoutSeconds))
            .ScanAsync(IPAddress.Loopback, port, "shop.example.com", TimeSpan.FromSeconds(budgetSeconds), CancellationToken.None);

    private static string[] Accepted(ProtocolScan scan) => [.. scan.Versions.Where(v => v.IsAccepted).Select(v => v.Version.Label())];

    private static string[] Suites(ProtocolScan scan, TlsVersion version) =>
        [.. scan.Find(version)!.Suites.Select(CipherSuiteCatalog.Name).Order(StringComparer.Ordinal)];

    private static void AssertOthersRefused(ProtocolScan scan) =>
        Assert.All(scan.Versions.Where(v => !v.IsAccepted), v => Assert.Equal(ProbeVerdict.NotAccepted, v.Verdict));

    [Fact]
    public async Task ScanAsync_OpenSslTls10Only_ExactlyTls10WithConfiguredSuites()
    {
        using var server = new OpenSslServer("-tls1", "-cipher", "ECDHE-RSA-AES128-SHA:AES256-SHA:@SECLEVEL=0");
        var scan = await ScanAsync(server.Port);
        Assert.Equal(["TLSv1.0"], Accepted(scan));
        Assert.Equal(["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"], Suites(scan, TlsVersion.Tls10));
        Assert.True(scan.Find(TlsVersion.Tls10)!.SuitesComplete);
        AssertOthersRefused(scan);
    }

    [Fact]
    public async Task ScanAsync_OpenSslTls11Only_ExactlyTls11()
    {
        using var server = new OpenSslServer("-tls1_1", "-cipher", "ECDHE-RSA-AES256-SHA:AES128-SHA:@SECLEVEL=0");
        var scan = await ScanAsync(server.Port);
        Assert.Equal(["TLSv1.1"], Accepted(scan));
        Assert.Equal(["TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"], Suites(scan, TlsVersion.Tls11));
        AssertOthersRefused(scan);
    }

    [Fact]
    public async Task ScanAsync_OpenSslTls12RsaKxCbcOnly_ExactlyOneSuite()
    {
        using var server = new OpenSslServer("-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0");
        var scan = await ScanAsync(server.Port);
        Assert.Equal(["TLSv1.2"], Accepted(scan));
        Assert.Equal(["TLS_RSA_WITH_AES_128_CBC_SHA"], Suites(scan, TlsVersion.Tls12));
        AssertOthersRefused(scan);
    }

    [Fact]
    public async Task ScanAsync_OpenSslAllVersions_EachVersionWithItsSuites()
    {
        using var server = new OpenSslServer("-min_protocol", "TLSv1", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:@SECLEVEL=0",
            "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256");
        var scan = await ScanAsync(server.Port);
        Assert.Equal(["TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"], Accepted(scan));
        Assert.Equal(["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"], Suites(scan, TlsVersion.Tls10));
        Assert.Equal(["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"], Suites(scan, TlsVersion.Tls11));
        Assert.Equal(["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"], Suites(scan, TlsVersion.Tls12));
        Assert.Equal(["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"], Suites(scan, TlsVersion.Tls13));
        Assert.Equal(ProbeVerdict.NotAccepted, scan.Find(TlsVersion.Ssl30)!.Verdict);
    }

    [Fact]
    public async Task ScanAsync_FakeSsl3Rc4Server_Ssl3AcceptedWithRc4Only()
    {
        using var server = FakeTlsServer.Accepting(0x0300, 0x0005);
        var scan = await ScanAsync(server.Port);
        Assert.Equal(["SSLv3"], Accepted(scan));
        Assert.Equal(["TLS_RSA_WITH_RC4_128_SHA"], Suites(scan, TlsVersion.Ssl30));
        AssertOthersRefused(scan);
    }

    [Fact]
    public async Task ScanAsync_FakeTls12Rc4Server_FoundByRawProbeAfterBouncyCastleRefusal()
    {
        using var server = FakeTlsServer.Accepting(0x0303, 0xC011);
        var scan = await ScanAsync(server.Port);
        Assert.Equal(["TLSv1.2"], Accepted(scan));
        Assert.Equal(["TLS_ECDHE_RSA_WITH_RC4_128_SHA"], Suites(scan, TlsVersion.Tls12));
        AssertOthersRefused(scan);
    }

    [Fact]
    public async Task ScanAsync_FakeTls10ExportServer_ExportSuiteFound()
    {
        using var server = FakeTlsServer.Accepting(0x0301, 0x0003);
        var scan = await ScanAsync(server.Port);
        Assert.Equal(["TLSv1.0"], Accepted(scan));
        Assert.Equal(["TLS_RSA_EXPORT_WITH_RC4_40_MD5"], Suites(scan, TlsVersion.Tls10));
    }

    [Fact]
    public async Task ScanAsync_HandshakeFailureToEverything_AllNotAccepted()
    {
        using var server = new FakeTlsServer((_, _) => new FakeReply.Send(TlsWire.Alert(40)));
        var scan = await ScanAsync(server.Port);
        Assert.Empty(Accepted(scan));
        AssertOthersRefused(scan);
        Assert.All(scan.Versions, v => Assert.Contains("handshake_failure", v.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScanAsync_ClosesAfterClientHello_AllNotAccepted()
    {
        using var server = new FakeTlsServer((_, _) => new FakeReply.Close());
        var scan = await ScanAsync(server.Port);
        AssertOthersRefused(scan);
    }

    [Fact]
    public async Task ScanAsync_SilentServer_AllNotTestedNeverNotAccepted()
    {
        using var server = new FakeTlsServer((_, _) => new FakeReply.Silent());
        var scan = await ScanAsync(server.Port, timeoutSeconds: 0.5);
        Assert.All(scan.Versions, v => Assert.Equal(ProbeVerdict.NotTested, v.Verdict));
    }

    [Fact]
    public async Task ScanAsync_ResetAfterClientHello_AllNotTested()
    {
        using var server = new FakeTlsServer((_, _) => new FakeReply.Reset());
        var scan = await ScanAsync(server.Port);
        Assert.All(scan.Versions, v => Assert.Equal(ProbeVerdict.NotTested, v.Verdict));
    }

    [Fact]
    public async Task ScanAsync_BudgetTooSmallForSilentServer_NotTestedWithinBudget()
    {
        using var server = new FakeTlsServer((_, _) => new FakeReply.Silent());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scan = await ScanAsync(server.Port, timeoutSeconds: 5, budgetSeconds: 0.5);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.All(scan.Versions, v => Assert.Equal(ProbeVerdict.NotTested, v.Verdict));
    }
}
