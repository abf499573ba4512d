using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Net;

[Trait("Category", "Integration")]
public sealed class TlsHandshakerTests : IDisposable
{
    private readonly LoopbackDnsServer _dns = new LoopbackDnsServer()
        .AddA("secure.test", "127.0.0.1")
        .AddA("a.wild.test", "127.0.0.1");

    private readonly string _caPemPath = TestCertificates.WriteCaPem();

    public void Dispose()
    {
        _dns.Dispose();
        File.Delete(_caPemPath);
    }

    [Fact]
    public async Task HandshakeAsync_LeafFromTestCaWithExtraRoot_TrustedAndCaptured()
    {
        using var leaf = TestCertificates.Leaf(["secure.test", "www.secure.test"]);
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text(""), certificate: leaf);
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true, o => o.ExtraTrustedRootsPath = _caPemPath);

        var result = await net.Tls.HandshakeAsync("secure.test", server.Port, CancellationToken.None);

        Assert.Equal(TlsHandshakeOutcome.Succeeded, result.Outcome);
        Assert.Null(result.Error);
        Assert.Equal(IPAddress.Loopback, result.Address);
        Assert.Contains(result.Protocol, new SslProtocols?[] { SslProtocols.Tls12, SslProtocols.Tls13 });
        Assert.NotNull(result.CipherSuite);
        Assert.Equal(SslPolicyErrors.None, result.PolicyErrors);
        Assert.Empty(result.ChainStatus);
        Assert.True(result.IsChainTrusted);
        Assert.True(result.IsTrustedByExtraRoot);
        Assert.True(result.HostnameMatches);
        var certificate = Assert.IsType<CertificateDetails>(result.Certificate);
        Assert.Equal("CN=secure.test", certificate.Subject);
        Assert.Equal("CN=ComplianceLayer Test CA", certificate.Issuer);
        Assert.Equal(["secure.test", "www.secure.test"], certificate.DnsNames);
        Assert.Equal("EC", certificate.KeyAlgorithm);
        Assert.Equal(256, certificate.KeySize);
        Assert.Equal("sha256ECDSA", certificate.SignatureAlgorithm);
        Assert.False(certificate.IsSelfIssued);
        Assert.Equal(leaf.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), certificate.Sha256Fingerprint);
        Assert.Equal(["CN=secure.test", "CN=ComplianceLayer Test CA"], result.Chain.Select(e => e.Certificate.Subject));
    }

    [Fact]
    public async Task HandshakeAsync_LeafFromTestCaWithoutExtraRoot_UntrustedButNotFailed()
    {
        using var leaf = TestCertificates.Leaf(["secure.test"]);
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text(""), certificate: leaf);
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);

        var result = await net.Tls.HandshakeAsync("secure.test", server.Port, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(result.IsChainTrusted);
        Assert.False(result.IsTrustedByExtraRoot);
        Assert.True(result.HostnameMatches);
        Assert.True(result.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains(result.ChainStatus, s => s.Status is X509ChainStatusFlags.PartialChain or X509ChainStatusFlags.UntrustedRoot);
    }

    [Fact]
    public async Task HandshakeAsync_SelfSigned_RecordedAsUntrustedSelfIssued()
    {
        using var leaf = TestCertificates.Leaf(["secure.test"], selfSigned: true);
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text(""), certificate: leaf);
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true, o => o.ExtraTrustedRootsPath = _caPemPath);

        var result = await net.Tls.HandshakeAsync("secure.test", server.Port, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(result.Certificate!.IsSelfIssued);
        Assert.False(result.IsChainTrusted);
        Assert.True(result.HostnameMatches);
        Assert.Contains(result.ChainStatus, s => s.Status == X509ChainStatusFlags.UntrustedRoot);
        Assert.Single(result.Chain);
    }

    [Fact]
    public async Task HandshakeAsync_Expired_NotTimeValidRecorded()
    {
        var now = DateTimeOffset.UtcNow;
        using var leaf = TestCertificates.Leaf(["secure.test"], now.AddDays(-30), now.AddDays(-1));
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text(""), certificate: leaf);
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true, o => o.ExtraTrustedRootsPath = _caPemPath);

        var result = await net.Tls.HandshakeAsync("secure.test", server.Port, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(result.IsChainTrusted);
        Assert.True(result.Certificate!.NotAfter < now);
        Assert.Contains(result.ChainStatus, s => s.Status == X509ChainStatusFlags.NotTimeValid);
        Assert.True(result.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public async Task HandshakeAsync_WrongHost_MismatchRecordedChainStillTrusted()
    {
        using var leaf = TestCertificates.Leaf(["other.test"]);
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text(""), certificate: leaf);
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true, o => o.ExtraTrustedRootsPath = _caPemPath);

        var result = await net.Tls.HandshakeAsync("secure.test", server.Port, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(result.HostnameMatches);
        Assert.True(result.IsChainTrusted);
        Assert.Equal(SslPolicyErrors.RemoteCertificateNameMismatch, result.PolicyErrors);
    }

    [Fact]
    public async Task HandshakeAsync_WildcardSan_MatchesOneLabel()
    {
        using var leaf = TestCertificates.Leaf(["*.wild.test"]);
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text(""), certificate: leaf);
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true, o => o.ExtraTrustedRootsPath = _caPemPath);

        var result = await net.Tls.HandshakeAsync("a.wild.test", server.Port, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(result.HostnameMatches);
        Assert.True(result.IsChainTrusted);
        Assert.Equal(["*.wild.test"], result.Certificate!.DnsNames);
    }

    [Fact]
    public async Task HandshakeAsync_ClosedPort_ConnectionFailedOutcome()
    {
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);

        var result = await net.Tls.HandshakeAsync("secure.test", Loopback.ClosedPort(), CancellationToken.None);

        Assert.Equal(TlsHandshakeOutcome.ConnectionFailed, result.Outcome);
        Assert.NotNull(result.Error);
        Assert.Null(result.Certificate);
    }

    [Fact]
    public async Task HandshakeAsync_PlainTextServer_HandshakeFailedOutcome()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync("SSH-2.0-NotTls\r\n"u8.ToArray());
        });
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);

        var result = await net.Tls.HandshakeAsync(
            new TlsHandshakeRequest("secure.test", ((IPEndPoint)listener.LocalEndpoint).Port) { Timeout = TimeSpan.FromSeconds(3) },
            CancellationToken.None);

        Assert.Equal(TlsHandshakeOutcome.HandshakeFailed, result.Outcome);
        Assert.NotNull(result.Error);
        await serve;
    }

    [Fact]
    public async Task HandshakeAsync_GuardOn_RefusedBeforeConnecting()
    {
        using var net = NetStack.Create(_dns, allowPrivateNetworks: false);

        var ex = await Assert.ThrowsAsync<ScanTargetRefusedException>(() => net.Tls.HandshakeAsync("secure.test", 443, CancellationToken.None));

        Assert.Contains("loopback", ex.Reason, StringComparison.Ordinal);
        Assert.Empty(net.ConnectAttempts);
    }
}
