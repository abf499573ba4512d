using System.Net;
using ComplianceLayer.Scanning.Net;
using DnsClient;
using DnsClient.Protocol;

namespace ComplianceLayer.Tests.Scanning.Net;

[Trait("Category", "Integration")]
public sealed class ScannerDnsResolverTests : IDisposable
{
    private readonly LoopbackDnsServer _dns = new();
    private readonly NetStack _net;

    public ScannerDnsResolverTests()
    {
        _dns.AddA("www.example.test", "192.0.2.10")
            .AddAaaa("www.example.test", "2001:db8::10")
            .AddTxt("example.test", "v=spf1 -all")
            .AddTxt("long.example.test", new string('a', 300))
            .AddMx("example.test", 10, "mx1.example.test")
            .AddMx("example.test", 20, "mx2.example.test")
            .AddName("empty.example.test")
            .ServFail("broken.example.test")
            .Silent("silent.example.test");
        _net = NetStack.Create(_dns, allowPrivateNetworks: false, o => o.DnsTimeout = TimeSpan.FromSeconds(2));
    }

    public void Dispose()
    {
        _net.Dispose();
        _dns.Dispose();
    }

    [Fact]
    public async Task ResolveAddressesAsync_NameWithAAndAaaa_ReturnsBoth()
    {
        var resolution = await _net.Resolver.ResolveAddressesAsync("www.example.test", CancellationToken.None);

        Assert.Equal([IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10")], resolution.Addresses);
        Assert.False(resolution.IsLiteral);
        Assert.Null(resolution.Problem);
    }

    [Fact]
    public async Task ResolveAddressesAsync_IpLiteral_NoQuerySent()
    {
        var resolution = await _net.Resolver.ResolveAddressesAsync("[2606:4700::1111]", CancellationToken.None);

        Assert.Equal([IPAddress.Parse("2606:4700::1111")], resolution.Addresses);
        Assert.True(resolution.IsLiteral);
        Assert.Empty(_dns.Queries);
    }

    [Fact]
    public async Task ResolveAddressesAsync_UnknownName_NxDomainProblem()
    {
        var resolution = await _net.Resolver.ResolveAddressesAsync("nowhere.example.test", CancellationToken.None);

        Assert.Empty(resolution.Addresses);
        Assert.True(resolution.IsNxDomain);
        Assert.Equal("nowhere.example.test does not exist (NXDOMAIN)", resolution.Problem);
    }

    [Fact]
    public async Task QueryAsync_Txt_ReturnsRecordsJoinedAcrossStrings()
    {
        var spf = await _net.Resolver.QueryAsync("example.test", QueryType.TXT, CancellationToken.None);
        var longTxt = await _net.Resolver.QueryAsync("long.example.test", QueryType.TXT, CancellationToken.None);

        Assert.Equal(DnsLookupStatus.NoError, spf.Status);
        Assert.Equal("v=spf1 -all", Assert.Single(spf.RecordsOf<TxtRecord>()).Text.Single());
        Assert.Equal(new string('a', 300), string.Concat(Assert.Single(longTxt.RecordsOf<TxtRecord>()).Text));
    }

    [Fact]
    public async Task QueryAsync_Mx_ReturnsPreferencesAndExchanges()
    {
        var answer = await _net.Resolver.QueryAsync("example.test", QueryType.MX, CancellationToken.None);

        var mx = answer.RecordsOf<MxRecord>().OrderBy(r => r.Preference).ToList();
        Assert.Equal([10, 20], mx.Select(r => (int)r.Preference));
        Assert.Equal(["mx1.example.test.", "mx2.example.test."], mx.Select(r => r.Exchange.Value));
    }

    [Fact]
    public async Task QueryAsync_UnknownName_NxDomain()
    {
        var answer = await _net.Resolver.QueryAsync("nowhere.example.test", QueryType.TXT, CancellationToken.None);

        Assert.Equal(DnsLookupStatus.NxDomain, answer.Status);
        Assert.True(answer.IsDefinitive);
        Assert.False(answer.IsEmpty);
        Assert.Empty(answer.Records);
    }

    [Fact]
    public async Task QueryAsync_ExistingNameWithoutType_NoErrorAndEmpty()
    {
        var answer = await _net.Resolver.QueryAsync("empty.example.test", QueryType.TXT, CancellationToken.None);

        Assert.Equal(DnsLookupStatus.NoError, answer.Status);
        Assert.True(answer.IsEmpty);
        Assert.True(answer.IsDefinitive);
    }

    [Fact]
    public async Task QueryAsync_ServFail_ServerFailureNotDefinitive()
    {
        var answer = await _net.Resolver.QueryAsync("broken.example.test", QueryType.A, CancellationToken.None);

        Assert.Equal(DnsLookupStatus.ServerFailure, answer.Status);
        Assert.False(answer.IsDefinitive);
        Assert.NotNull(answer.Error);
    }

    [Fact]
    public async Task QueryAsync_SilentServer_TimeoutAfterOneRetry()
    {
        using var net = NetStack.Create(_dns, allowPrivateNetworks: false, o => o.DnsTimeout = TimeSpan.FromMilliseconds(250));

        var answer = await net.Resolver.QueryAsync("silent.example.test", QueryType.A, CancellationToken.None);

        Assert.Equal(DnsLookupStatus.Timeout, answer.Status);
        Assert.False(answer.IsDefinitive);
        Assert.Equal(2, _dns.Queries.Count(q => q.Name == "silent.example.test"));
    }

    [Fact]
    public async Task QueryAsync_RequestDnsSec_SetsDoBitOnlyWhenAsked()
    {
        await _net.Resolver.QueryAsync("example.test", QueryType.TXT, requestDnsSec: true, CancellationToken.None);
        await _net.Resolver.QueryAsync("example.test", QueryType.MX, requestDnsSec: false, CancellationToken.None);

        // A retry under load may repeat a query; every copy must carry the same DO bit.
        Assert.All(_dns.Queries.Where(q => q.Type == 16), q => Assert.True(q.DnsSecOk));
        Assert.All(_dns.Queries.Where(q => q.Type == 15), q => Assert.False(q.DnsSecOk));
        Assert.Contains(_dns.Queries, q => q.Type == 16);
        Assert.Contains(_dns.Queries, q => q.Type == 15);
    }
}
