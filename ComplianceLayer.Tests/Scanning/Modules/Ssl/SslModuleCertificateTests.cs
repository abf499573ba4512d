using System.Security.Cryptography;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl;

[Trait("Category", "Integration")]
public sealed class SslModuleCertificateTests : SslModuleTestBase
{
    private static readonly string[] CertificateCodes =
    [
        SslCodes.CertExpired, SslCodes.CertNotYetValid, SslCodes.CertExpiringSoon, SslCodes.CertSelfSigned, SslCodes.CertUntrusted,
        SslCodes.CertIncompleteChain, SslCodes.CertHostnameMismatch, SslCodes.CertWeakKey, SslCodes.CertWeakSignature,
    ];

    private async Task<ModuleOutcome> RunWithAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 leaf, bool sendIntermediate = false, bool trust = true)
    {
        using (leaf)
        {
            using var server = sendIntermediate ? new TlsTestServer(leaf, SslTestPki.Intermediate) : new TlsTestServer(leaf);
            var outcome = await RunAsync(server.Port, trustTestCa: trust);
            Assert.Equal(ModuleStatus.Completed, outcome.Status);
            return outcome;
        }
    }

    private static string[] CertCodes(ModuleOutcome outcome) => [.. Codes(outcome).Where(CertificateCodes.Contains)];

    [Fact]
    public async Task RunAsync_ValidLeafFromIntermediateSentWithChain_NoCertificateIssueAndDetails()
    {
        var outcome = await RunWithAsync(SslTestPki.Leaf([Domain, "www." + Domain], SslTestPki.Intermediate), sendIntermediate: true);
        Assert.Empty(CertCodes(outcome));
        var certificate = outcome.Details["certificate"]!.AsObject();
        Assert.Equal("CN=shop.example.com", (string?)certificate["subject"]);
        Assert.Equal("CN=ComplianceLayer Test Intermediate", (string?)certificate["issuer"]);
        Assert.Equal("EC-256", (string?)certificate["key"]);
        Assert.Equal("sha256ECDSA", (string?)certificate["signature_algorithm"]);
        Assert.True((bool?)certificate["trusted"]);
        Assert.True((bool?)certificate["hostname_match"]);
        Assert.Equal(59, (int?)certificate["days_left"]);
        Assert.Equal(61, (int?)certificate["lifetime_days"]);
        Assert.Equal(["shop.example.com", "www.shop.example.com"], certificate["sans"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(3, certificate["chain"]!.AsArray().Count);
        Assert.Equal(64, ((string?)certificate["sha256"])!.Length);
    }

    [Fact]
    public async Task RunAsync_Expired_ExpiredCritical()
    {
        var outcome = await RunWithAsync(TestCertificates.Leaf([Domain], DateTimeOffset.UtcNow.AddDays(-100), DateTimeOffset.UtcNow.AddDays(-10)));
        Assert.Equal([SslCodes.CertExpired], CertCodes(outcome));
        Assert.Equal(Severity.Critical, outcome.Issues.Single(i => i.Code == SslCodes.CertExpired).Severity);
    }

    [Fact]
    public async Task RunAsync_NotYetValid_NotYetValid() =>
        Assert.Equal([SslCodes.CertNotYetValid], CertCodes(await RunWithAsync(TestCertificates.Leaf([Domain], DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(92)))));

    [Theory]
    [InlineData(10, Severity.Medium)]
    [InlineData(5, Severity.High)]
    public async Task RunAsync_NinetyDayCertNearExpiry_ExpiringSoonBySeverity(int daysLeft, Severity severity)
    {
        var outcome = await RunWithAsync(TestCertificates.Leaf([Domain], DateTimeOffset.UtcNow.AddDays(daysLeft - 90), DateTimeOffset.UtcNow.AddDays(daysLeft)));
        Assert.Equal([SslCodes.CertExpiringSoon], CertCodes(outcome));
        Assert.Equal(severity, outcome.Issues.Single(i => i.Code == SslCodes.CertExpiringSoon).Severity);
    }

    [Fact]
    public async Task RunAsync_SelfSigned_SelfSignedOnly() =>
        Assert.Equal([SslCodes.CertSelfSigned], CertCodes(await RunWithAsync(TestCertificates.Leaf([Domain], selfSigned: true))));

    [Fact]
    public async Task RunAsync_TestCaNotTrusted_Untrusted() =>
        Assert.Equal([SslCodes.CertUntrusted], CertCodes(await RunWithAsync(SslTestPki.Leaf([Domain], SslTestPki.Intermediate), sendIntermediate: true, trust: false)));

    [Fact]
    public async Task RunAsync_UnknownCaLeafAlone_IncompleteSinceTrustCannotBeJudged() =>
        Assert.Equal([SslCodes.CertIncompleteChain], CertCodes(await RunWithAsync(TestCertificates.Leaf([Domain]), trust: false)));

    [Fact]
    public async Task RunAsync_WrongHost_HostnameMismatch()
    {
        var outcome = await RunWithAsync(TestCertificates.Leaf(["other.example.net"]));
        Assert.Equal([SslCodes.CertHostnameMismatch], CertCodes(outcome));
        Assert.Contains("other.example.net", outcome.Issues.Single(i => i.Code == SslCodes.CertHostnameMismatch).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IntermediateNotSent_IncompleteChainNotUntrusted() =>
        Assert.Equal([SslCodes.CertIncompleteChain], CertCodes(await RunWithAsync(SslTestPki.Leaf([Domain], SslTestPki.Intermediate))));

    [Fact]
    public async Task RunAsync_Rsa1024Key_WeakKey()
    {
        // The system TLS server refuses a 1024-bit key at its security level: openssl s_server at level 0 serves it.
        using var leaf = SslTestPki.Leaf([Domain], TestCertificates.Ca, rsaBits: 1024);
        using var server = new Probing.OpenSslServer(leaf, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0");
        var outcome = await RunAsync(server.Port);
        Assert.True(outcome.Details["certificate"] is not null, outcome.Details.ToJsonString());
        Assert.Equal([SslCodes.CertWeakKey], CertCodes(outcome));
        Assert.Equal("RSA-1024", (string?)outcome.Details["certificate"]!["key"]);
    }

    [Fact]
    public async Task RunAsync_Rsa2048Key_NoWeakKey() =>
        Assert.Empty(CertCodes(await RunWithAsync(SslTestPki.Leaf([Domain], TestCertificates.Ca, rsaBits: 2048))));

    [Fact]
    public async Task RunAsync_Sha1SignedSelfSignedRsa_WeakSignature()
    {
        var outcome = await RunWithAsync(SslTestPki.Leaf([Domain], null, rsaBits: 2048, hash: HashAlgorithmName.SHA1));
        Assert.Equal([SslCodes.CertSelfSigned, SslCodes.CertWeakSignature], CertCodes(outcome));
        Assert.Contains("sha1RSA", outcome.Issues.Single(i => i.Code == SslCodes.CertWeakSignature).Evidence, StringComparison.Ordinal);
    }
}
