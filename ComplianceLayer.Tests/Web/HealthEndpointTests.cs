using System.Net;
using System.Text.Json;
using ComplianceLayer.Tests.Fixtures;

namespace ComplianceLayer.Tests.Web;

[Trait("Category", "Integration")]
public sealed class HealthEndpointTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Healthz_DatabaseReachable_ReportsHealthy()
    {
        using var client = app.Factory.CreateClient();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Healthz_DatabaseUnreachable_ReportsUnhealthy()
    {
        // Same app, pointed at a port where nothing listens.
        await using var broken = new AppFactory("Host=127.0.0.1;Port=1;Username=postgres;Password=x;Database=none;Timeout=2",
            new Dictionary<string, string?> { ["Quartz:Enabled"] = "false" });
        using var client = broken.CreateClient();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("unhealthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
