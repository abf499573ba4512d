using System.Diagnostics;
using System.Net;
using System.Text;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Net;

[Trait("Category", "Integration")]
public sealed class GuardedHttpClientTests : IDisposable
{
    private readonly LoopbackDnsServer _dns = new LoopbackDnsServer().AddA("web.test", "127.0.0.1");

    public void Dispose() => _dns.Dispose();

    [Fact]
    public async Task SendAsync_NameResolvingToLoopbackGuardOn_RefusedWithReason()
    {
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text("secret"));
        using var net = NetStack.Create(_dns, allowPrivateNetworks: false);

        var ex = await Assert.ThrowsAsync<ScanTargetRefusedException>(() => net.Http.GetAsync(server.Url("/", "web.test"), CancellationToken.None));

        Assert.Equal("127.0.0.1 is a loopback address (127.0.0.0/8)", ex.Reason);
        Assert.Contains("web.test", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Empty(net.ConnectAttempts);
    }

    [Theory]
    [InlineData("http://10.0.0.1/", "private address (RFC 1918)")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata endpoint")]
    [InlineData("https://[fc00::1]/", "unique local address")]
    [InlineData("http://[::ffff:10.0.0.1]:8080/", "IPv4-mapped")]
    [InlineData("http://2130706433/", "loopback")]
    public async Task SendAsync_LiteralPrivateAddress_RefusedWithoutConnecting(string url, string expectedReasonPart)
    {
        using var net = NetStack.Create(_dns, allowPrivateNetworks: false);

        var ex = await Assert.ThrowsAsync<ScanTargetRefusedException>(() => net.Http.GetAsync(new Uri(url), CancellationToken.None));

        Assert.Contains(expectedReasonPart, ex.Reason, StringComparison.Ordinal);
        Assert.Empty(net.ConnectAttempts);
        Assert.Empty(_dns.Queries);
    }

    [Fact]
    public async Task SendAsync_ThreeRedirects_ChainFollowedAndRecorded()
    {
        await using var server = new LoopbackHttpServer(request => request.Path switch
        {
            "/a" => TestHttpResponse.Redirect(302, "/b", ("Set-Cookie", "first=1; Path=/")),
            "/b" => TestHttpResponse.Redirect(301, $"http://web.test:{request.LocalEndPoint.Port}/c"),
            "/c" => TestHttpResponse.Redirect(307, "d?x=1"),
            "/d?x=1" => TestHttpResponse.Text("done", ("Set-Cookie", "session=abc; Secure; HttpOnly"), ("Set-Cookie", "theme=dark")),
            _ => new TestHttpResponse(404, [], []),
        });
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);

        var response = await net.Http.GetAsync(server.Url("/a", "web.test"), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("done", response.BodyText);
        Assert.Equal(server.Url("/d?x=1", "web.test"), response.Url);
        Assert.Equal([302, 301, 307], response.Redirects.Select(h => h.StatusCode));
        Assert.Equal(
            [server.Url("/a", "web.test"), server.Url("/b", "web.test"), server.Url("/c", "web.test")],
            response.Redirects.Select(h => h.Url));
        Assert.Equal(
            [server.Url("/b", "web.test"), server.Url("/c", "web.test"), server.Url("/d?x=1", "web.test")],
            response.Redirects.Select(h => h.Location));
        Assert.Equal("/b", response.Redirects[0].Headers.GetFirst("location"));
        Assert.Equal(["session=abc; Secure; HttpOnly", "theme=dark"], response.Headers.GetValues("Set-Cookie"));
        Assert.Equal(["first=1; Path=/", "session=abc; Secure; HttpOnly", "theme=dark"], response.AllSetCookies);
        Assert.False(response.RedirectLimitReached);
        Assert.False(response.DowngradedToHttp);
        Assert.False(response.BodyTruncated);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_RedirectToOtherLoopbackAddressWhileOnlyOneIsExempt_RefusedOnThatHop()
    {
        var port = 0;
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Redirect(302, $"http://127.0.0.2:{port}/internal"));
        port = server.Port;
        using var net = NetStack.Create(_dns, allowPrivateNetworks: false, guard: new TargetGuard(false, [IPAddress.Loopback]));

        var ex = await Assert.ThrowsAsync<ScanTargetRefusedException>(() => net.Http.GetAsync(server.Url("/start", "web.test"), CancellationToken.None));

        Assert.Equal(IPAddress.Parse("127.0.0.2"), ex.Address);
        Assert.Contains("loopback", ex.Reason, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Equal([$"Connecting to 127.0.0.1:{server.Port}"], net.ConnectAttempts);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/", "metadata endpoint")]
    [InlineData("http://10.0.0.1:8080/admin", "private address")]
    [InlineData("http://internal.test/", "private address")]
    public async Task SendAsync_RedirectToPrivateTarget_RefusedWithoutConnecting(string location, string expectedReasonPart)
    {
        _dns.AddA("internal.test", "192.168.10.10");
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Redirect(302, location));
        using var net = NetStack.Create(_dns, allowPrivateNetworks: false, guard: new TargetGuard(false, [IPAddress.Loopback]));

        var ex = await Assert.ThrowsAsync<ScanTargetRefusedException>(() => net.Http.GetAsync(server.Url("/", "web.test"), CancellationToken.None));

        Assert.Contains(expectedReasonPart, ex.Reason, StringComparison.Ordinal);
        Assert.Equal([$"Connecting to 127.0.0.1:{server.Port}"], net.ConnectAttempts);
    }

    [Fact]
    public async Task SendAsync_RedirectLoop_StopsAtMaxRedirects()
    {
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Redirect(302, "/loop"));
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true, o => o.MaxRedirects = 5);

        var response = await net.Http.GetAsync(server.Url("/loop", "web.test"), CancellationToken.None);

        Assert.True(response.RedirectLimitReached);
        Assert.Equal(302, response.StatusCode);
        Assert.Equal(5, response.Redirects.Count);
        Assert.Equal(6, server.Requests.Count);
        Assert.Equal("more than 5 redirects", response.RedirectNotFollowedReason);
        Assert.Equal(server.Url("/loop", "web.test"), response.Location);
    }

    [Fact]
    public async Task SendAsync_FollowRedirectsFalse_ReturnsRedirectItself()
    {
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Redirect(301, "https://web.test/"));
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);

        var response = await net.Http.SendAsync(new GuardedHttpRequest(server.Url("/", "web.test")) { FollowRedirects = false }, CancellationToken.None);

        Assert.Equal(301, response.StatusCode);
        Assert.Empty(response.Redirects);
        Assert.False(response.RedirectLimitReached);
        Assert.Equal(new Uri("https://web.test/"), response.Location);
    }

    [Theory]
    [InlineData(100_000, 1024, true)]
    [InlineData(1024, 1024, false)]
    [InlineData(10, 1024, false)]
    public async Task SendAsync_BodyAgainstCap_TruncatedOnlyWhenLonger(int bodyLength, int cap, bool truncated)
    {
        var body = Encoding.ASCII.GetBytes(new string('x', bodyLength));
        await using var server = new LoopbackHttpServer(_ => new TestHttpResponse(200, [], body));
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true, o => o.MaxBodyBytes = cap);

        var response = await net.Http.GetAsync(server.Url("/big", "web.test"), CancellationToken.None);

        Assert.Equal(truncated, response.BodyTruncated);
        Assert.Equal(Math.Min(bodyLength, cap), response.Body.Length);
    }

    [Fact]
    public async Task SendAsync_SlowServer_TimeoutHonoured()
    {
        await using var server = new LoopbackHttpServer(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return TestHttpResponse.Text("late");
        });
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => net.Http.SendAsync(
            new GuardedHttpRequest(server.Url("/slow", "web.test")) { Timeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        Assert.Contains("did not complete within 0.3 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_OperationCanceled()
    {
        await using var server = new LoopbackHttpServer(async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return TestHttpResponse.Text("late");
        });
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => net.Http.GetAsync(server.Url("/slow", "web.test"), cancellation.Token));
    }

    [Fact]
    public async Task SendAsync_NameFromScannerDns_ConnectsToCheckedAddressWithHostHeader()
    {
        // pinned.test exists only in the test DNS server, and it points at 127.0.0.3 where the server listens:
        // the handler cannot have resolved the name itself.
        _dns.AddA("pinned.test", "127.0.0.3");
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text("pinned"), IPAddress.Parse("127.0.0.3"));
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);

        var response = await net.Http.GetAsync(server.Url("/", "pinned.test"), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal($"pinned.test:{server.Port}", request.Headers["Host"]);
        Assert.Equal(IPAddress.Parse("127.0.0.3"), request.LocalEndPoint.Address);
        Assert.Equal(IPAddress.Parse("127.0.0.3"), response.RemoteAddress);
        Assert.Equal("pinned", response.BodyText);
        Assert.Contains(_dns.Queries, q => q.Name == "pinned.test");
    }

    [Fact]
    public async Task SendAsync_CustomMethodAndHeaders_SentAsGiven()
    {
        await using var server = new LoopbackHttpServer(_ => TestHttpResponse.Text("", ("Access-Control-Allow-Origin", "https://evil.example")));
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true, o => o.UserAgent = "CL-Test/1");

        var response = await net.Http.SendAsync(
            new GuardedHttpRequest(server.Url("/api", "web.test"))
            {
                Method = HttpMethod.Options,
                Headers = [new("Origin", "https://evil.example"), new("Access-Control-Request-Method", "PUT")],
            },
            CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("OPTIONS", request.Method);
        Assert.Equal("https://evil.example", request.Headers["Origin"]);
        Assert.Equal("PUT", request.Headers["Access-Control-Request-Method"]);
        Assert.Equal("CL-Test/1", request.Headers["User-Agent"]);
        Assert.Equal("https://evil.example", response.Headers.GetFirst("access-control-allow-origin"));
    }

    [Fact]
    public async Task SendAsync_HttpsRedirectingToHttp_DowngradeRecorded()
    {
        using var certificate = TestCertificates.Leaf(["web.test"], selfSigned: true);
        await using var plain = new LoopbackHttpServer(_ => TestHttpResponse.Text("plain"));
        await using var secure = new LoopbackHttpServer(_ => TestHttpResponse.Redirect(301, plain.Url("/", "web.test").ToString()), certificate: certificate);
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);

        var response = await net.Http.GetAsync(secure.Url("/", "web.test"), CancellationToken.None);

        Assert.True(response.DowngradedToHttp);
        var hop = Assert.Single(response.Redirects);
        Assert.Equal("https", hop.Url.Scheme);
        Assert.Equal($"web.test:{secure.Port}", Assert.Single(secure.Requests).Headers["Host"]);
        Assert.True(hop.Tls!.Succeeded);
        Assert.Equal("CN=web.test", hop.Tls.Certificate!.Subject);
        Assert.True(hop.Tls.HostnameMatches);
        Assert.False(hop.Tls.IsChainTrusted);
        Assert.Null(response.Tls);
        Assert.Equal("plain", response.BodyText);
    }

    [Fact]
    public async Task SendAsync_UnknownName_UnresolvedWithNxDomain()
    {
        using var net = NetStack.Create(_dns, allowPrivateNetworks: true);

        var ex = await Assert.ThrowsAsync<ScanHostUnresolvedException>(() => net.Http.GetAsync(new Uri("http://missing.test/"), CancellationToken.None));

        Assert.True(ex.Resolution!.IsNxDomain);
        Assert.Equal("missing.test does not exist (NXDOMAIN)", ex.Message);
    }
}
