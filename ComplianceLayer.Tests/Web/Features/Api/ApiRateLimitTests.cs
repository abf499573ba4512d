using System.Net;
using ComplianceLayer.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Features.Api;

/// <summary>The app with tiny token buckets: 3 requests per key, 5 per organization, refilled hourly.</summary>
public sealed class ApiRateLimitAppFixture : WebAppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Quartz:Enabled"] = "false",
        ["Api:RateLimit:KeyTokenLimit"] = "3",
        ["Api:RateLimit:KeyTokensPerPeriod"] = "3",
        ["Api:RateLimit:OrganizationTokenLimit"] = "5",
        ["Api:RateLimit:OrganizationTokensPerPeriod"] = "5",
        ["Api:RateLimit:ReplenishmentPeriod"] = "01:00:00",
    };
}

[Trait("Category", "Integration")]
public sealed class ApiRateLimitTests(ApiRateLimitAppFixture app) : IClassFixture<ApiRateLimitAppFixture>
{
    [Fact]
    public async Task Requests_BeyondTheKeyLimit_Return429WithRetryAfterAndRateLimitHeaders()
    {
        var owner = await app.NewOwnerAsync();
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);

        for (var i = 0; i < 3; i++)
        {
            var ok = await http.GetAsync("/v1/domains");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((2 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }
        var limited = await http.GetAsync("/v1/domains");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.True(limited.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(int.Parse(limited.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains(429, await app.QueryAsync(owner.Org, db => db.ApiRequestLogs.Select(l => l.StatusCode).ToListAsync()));
    }

    [Fact]
    public async Task Requests_BeyondTheOrganizationLimit_Return429EvenForAFreshKey()
    {
        var owner = await app.NewOwnerAsync();
        var first = await app.CreateKeyAsync(owner);
        var second = await app.CreateKeyAsync(owner);
        using var a = app.ClientWith(first.Key);
        using var b = app.ClientWith(second.Key);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/v1/domains")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/v1/domains")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/v1/domains")).StatusCode);
        var limited = await b.GetAsync("/v1/domains");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Another organization is not affected.
        var other = await app.NewOwnerAsync();
        using var c = app.ClientWith((await app.CreateKeyAsync(other)).Key);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/v1/domains")).StatusCode);
    }
}
