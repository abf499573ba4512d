using System.Net;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features;
using ComplianceLayer.Tests.Web.Features.Api;
using ComplianceLayer.Web.Infrastructure.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Hosting;

/// <summary>The app behind one configured reverse proxy (10.9.8.7).</summary>
public sealed class ProxyAppFixture : WebAppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Quartz:Enabled"] = "false",
        ["Proxy:TrustedProxies:0"] = "10.9.8.7",
    };
}

/// <summary>X-Forwarded-For is believed only from a configured proxy, so a client cannot choose the address that is logged.</summary>
[Trait("Category", "Integration")]
public sealed class ProxyHeadersTests(ProxyAppFixture app) : IClassFixture<ProxyAppFixture>
{
    private async Task<int> SendAsync(string key, string from, string forwardedFor) =>
        (await app.Factory.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(from);
            context.Request.Method = "GET";
            context.Request.Path = "/v1/scan/jobs/cl_job_00000000000000";
            context.Request.Headers.Authorization = "Bearer " + key;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        })).Response.StatusCode;

    [Fact]
    public async Task ApiRequest_ForwardedByTrustedProxyOnly_LogsTheForwardedAddress()
    {
        var owner = await app.NewOwnerAsync();
        var key = await app.CreateKeyAsync(owner);

        Assert.Equal(404, await SendAsync(key.Key, from: "10.9.8.7", forwardedFor: "203.0.113.7"));
        Assert.Equal(404, await SendAsync(key.Key, from: "10.9.8.8", forwardedFor: "198.51.100.1"));

        // The log row is written after the response is handed back, so wait (bounded) for both rows.
        List<string?> logged = [];
        for (var attempt = 0; attempt < 100 && logged.Count < 2; attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 100);
            logged = await app.QueryAsync(owner.Org, db => db.ApiRequestLogs.OrderBy(l => l.OccurredAt).Select(l => l.ClientIp).ToListAsync());
        }
        Assert.Equal(["203.0.113.7", "10.9.8.8"], logged);
    }

    [Theory]
    [InlineData("not-an-address", null)]
    [InlineData(null, "10.0.0.0/99")]
    public void Problems_BadEntries_AreNamed(string? proxy, string? network)
    {
        var options = new ProxyOptions
        {
            TrustedProxies = proxy is null ? [] : [proxy],
            TrustedNetworks = network is null ? [] : [network],
        };

        var problem = Assert.Single(options.Problems());

        Assert.Contains(proxy ?? network!, problem, StringComparison.Ordinal);
    }
}
