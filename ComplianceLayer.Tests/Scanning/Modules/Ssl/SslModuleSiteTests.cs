using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Tests.Scanning.Modules.Ssl.Probing;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl;

[Trait("Category", "Integration")]
public sealed class SslModuleSiteTests : SslModuleTestBase
{
    [Fact]
    public async Task RunAsync_ModernServerAndHttpRedirect_NoProtocolOrRedirectIssueAndDetails()
    {
        using var leaf = TestCertificates.Leaf([Domain]);
        using var https = new TlsTestServer(leaf);
        await using var http = new LoopbackHttpServer(_ => TestHttpResponse.Redirect(301, $"https://{Domain}:{https.Port}/"));
        var outcome = await RunAsync(https.Port, http.Port);
        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.DoesNotContain(outcome.Issues, i => i.Severity <= Severity.Medium);
        Assert.DoesNotContain(SslCodes.HttpNoRedirect, Codes(outcome));
        Assert.Equal(["TLSv1.2", "TLSv1.3"], outcome.Details["protocols"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(3, outcome.Details["protocols_not_accepted"]!.AsObject().Count);
        Assert.Empty(outcome.Details["protocols_not_tested"]!.AsObject());
        Assert.Contains("TLS_AES_256_GCM_SHA384", outcome.Details["cipher_suites"]!["TLSv1.3"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("TLSv1.3", (string?)outcome.Details["negotiated"]!["protocol"]);
        Assert.True((bool?)outcome.Details["http_redirects_to_https"]);
    }

    [Fact]
    public async Task RunAsync_HttpServedWithoutRedirect_HighWithChainEvidence()
    {
        using var leaf = TestCertificates.Leaf([Domain]);
        using var https = new TlsTestServer(leaf);
        await using var http = new LoopbackHttpServer(_ => TestHttpResponse.Text("plain"));
        var outcome = await RunAsync(https.Port, http.Port);
        var issue = Assert.Single(outcome.Issues, i => i.Code == SslCodes.HttpNoRedirect);
        Assert.Equal(Severity.High, issue.Severity);
        Assert.Contains($"http://{Domain}:{http.Port}/ (200)", issue.Evidence, StringComparison.Ordinal);
        Assert.False((bool?)outcome.Details["http_redirects_to_https"]);
    }

    [Fact]
    public async Task RunAsync_NothingOnHttpsPort_NoHttpsCriticalOnly()
    {
        await using var http = new LoopbackHttpServer(_ => TestHttpResponse.Text("plain"));
        var outcome = await RunAsync(Loopback.ClosedPort(), http.Port);
        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        var issue = Assert.Single(outcome.Issues);
        Assert.Equal((SslCodes.NoHttps, Severity.Critical), (issue.Code, issue.Severity));
    }

    [Fact]
    public async Task RunAsync_PlainHttpOnHttpsPort_NotTestedNeverPassOrFail()
    {
        await using var notTls = new LoopbackHttpServer(_ => TestHttpResponse.Text("plain"));
        var outcome = await RunAsync(notTls.Port);
        Assert.Equal(ModuleStatus.NotTested, outcome.Status);
    }

    [Fact]
    public async Task RunAsync_NoAddressRecord_NotTestedWithReason()
    {
        var outcome = await RunAsync(Loopback.ClosedPort(), domain: "mailonly.example.com");
        Assert.Equal(ModuleStatus.NotTested, outcome.Status);
        Assert.Contains("no A/AAAA", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OpenSslTls12RsaCbcOnly_ProtocolAndCipherIssues()
    {
        using var server = new OpenSslServer("-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0");
        var outcome = await RunAsync(server.Port);
        var codes = Codes(outcome);
        Assert.Contains(SslCodes.Tls13Missing, codes);
        Assert.Contains(SslCodes.CipherCbcOnly, codes);
        Assert.Contains(SslCodes.CipherNoForwardSecrecy, codes);
        Assert.Contains(SslCodes.CipherNcscInsufficient, codes);
        Assert.DoesNotContain(SslCodes.Tls10Enabled, codes);
        Assert.Equal(["TLS_RSA_WITH_AES_128_CBC_SHA"], outcome.Details["cipher_suites"]!["TLSv1.2"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task RunAsync_OpenSslTls10Only_Tls10FoundWhereSystemClientFails()
    {
        using var server = new OpenSslServer("-tls1", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0");
        var outcome = await RunAsync(server.Port);
        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Contains(SslCodes.Tls10Enabled, Codes(outcome));
        Assert.DoesNotContain(SslCodes.Tls11Enabled, Codes(outcome));
        Assert.Equal(["TLSv1.0"], outcome.Details["protocols"]!.AsArray().Select(n => (string?)n));
        Assert.NotNull((string?)outcome.Details["certificate_not_tested"]);
    }

    [Fact]
    public async Task RunAsync_FakeSsl3Server_Ssl3Critical()
    {
        using var server = FakeTlsServer.Accepting(0x0300, 0x000A);
        var outcome = await RunAsync(server.Port);
        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Contains(outcome.Issues, i => i.Code == SslCodes.Ssl3Enabled && i.Severity == Severity.Critical);
        Assert.Contains(SslCodes.Cipher3Des, Codes(outcome));
    }
}
