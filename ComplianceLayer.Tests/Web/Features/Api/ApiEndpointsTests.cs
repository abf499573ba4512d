using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ComplianceLayer.Tests.Web.Features.Api;

/// <summary>The REST API as an outside client sees it: HTTP against the app, scans run by Quartz on a loopback DNS.</summary>
[Trait("Category", "Integration")]
public sealed class ApiEndpointsTests(ScanningAppFixture app) : IClassFixture<ScanningAppFixture>
{
    private const string ProblemJson = "application/problem+json";

    private static readonly string[] JobStates = ["queued", "running", "completed", "failed"];

    private static readonly string[] V1Paths = ["/v1/scan", "/v1/scan/jobs/{job_id}", "/v1/reports/{report_id}", "/v1/domains", "/v1/domains/{domain}/scans"];

    private static readonly string[] ReportFields =
        ["domain", "score", "grade", "risk_level", "report_id", "scanned_at", "modules", "issues", "caveats", "compliance", "recommendations"];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.Contains(detailContains, detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SeedFlow_PostScanThenPollJob_CompletesWithEveryReportField()
    {
        app.Dns.AddA("api-flow.example.com", "127.77.0.1");
        var owner = await app.NewOwnerAsync("Api Flow");
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);

        var post = await http.PostAsJsonAsync("/v1/scan", new { domain = "api-flow.example.com" });

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var accepted = await JsonAsync(post);
        var jobId = accepted.GetProperty("job_id").GetString()!;
        Assert.StartsWith("cl_job_", jobId, StringComparison.Ordinal);
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        Assert.True(post.Headers.Contains("X-RateLimit-Remaining"));

        JsonElement status;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var poll = await http.GetAsync($"/v1/scan/jobs/{jobId}");
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
            status = await JsonAsync(poll);
            var state = status.GetProperty("status").GetString();
            Assert.Contains(state, JobStates);
            if (state is "completed" or "failed")
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} still {state}");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Assert.True(status.GetProperty("status").GetString() == "completed", status.ToString());
        var result = status.GetProperty("result");
        Assert.Equal(JsonValueKind.Object, result.ValueKind);
        foreach (var field in ReportFields)
        {
            Assert.True(result.TryGetProperty(field, out _), $"the report lacks \"{field}\"");
        }
        Assert.Equal("api-flow.example.com", result.GetProperty("domain").GetString());
        var reportId = result.GetProperty("report_id").GetString()!;

        var report = await http.GetAsync($"/v1/reports/{reportId}");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(result.GetProperty("score").GetInt32(), (await JsonAsync(report)).GetProperty("score").GetInt32());

        // The domain was new: it now belongs to the organization's "API" client, with the API as the trigger.
        var domains = await JsonAsync(await http.GetAsync("/v1/domains"));
        var listed = Assert.Single(domains.GetProperty("items").EnumerateArray());
        Assert.Equal(DomainService.ApiClientName, listed.GetProperty("client").GetString());
        Assert.Equal(result.GetProperty("score").GetInt32(), listed.GetProperty("score").GetInt32());
        var history = await JsonAsync(await http.GetAsync("/v1/domains/api-flow.example.com/scans?page=1&page_size=10"));
        Assert.Equal(1, history.GetProperty("total").GetInt32());
        Assert.Equal("api", history.GetProperty("items")[0].GetProperty("trigger").GetString());

        var logs = await app.QueryAsync(owner.Org, db => db.ApiRequestLogs.AsNoTracking().OrderBy(l => l.Id).ToListAsync());
        Assert.True(logs.Count >= 5);
        Assert.All(logs, l => Assert.Equal(key.Row.Id, l.ApiKeyId));
        Assert.Contains(logs, l => l is { Method: "POST", Path: "/v1/scan", Domain: "api-flow.example.com", StatusCode: 202 });
        Assert.Contains(logs, l => l.Path == $"/v1/scan/jobs/{jobId}" && l.StatusCode == 200);
        var lastUsed = await app.QueryAsync(owner.Org, db => db.ApiKeys.Where(k => k.Id == key.Row.Id).Select(k => k.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);
    }

    [Theory]
    [InlineData("not a domain!", "")]
    [InlineData("localhost", "")]
    [InlineData("", "domain")]
    public async Task PostScan_InvalidDomain_Returns400Problem(string domain, string detailContains)
    {
        var owner = await app.NewOwnerAsync();
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);

        var response = await http.PostAsJsonAsync("/v1/scan", new { domain });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detailContains);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task PostScan_MalformedJson_Returns400Problem()
    {
        var owner = await app.NewOwnerAsync();
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);
        using var content = new StringContent("{\"domain\": ", System.Text.Encoding.UTF8, "application/json");

        await AssertProblemAsync(await http.PostAsync("/v1/scan", content), HttpStatusCode.BadRequest, "JSON");
    }

    [Fact]
    public async Task Request_MissingUnknownRevokedOrExpiredKey_Returns401Problem()
    {
        var owner = await app.NewOwnerAsync();
        var revoked = await app.CreateKeyAsync(owner);
        await using (var scope = app.ScopeFor(owner))
        {
            await scope.ServiceProvider.GetRequiredService<ComplianceLayer.Web.Features.ApiKeys.ApiKeyService>()
                .RevokeAsync(revoked.Row.Id, CancellationToken.None);
        }
        var expired = await app.CreateKeyAsync(owner);
        await app.QueryAsync(owner.Org, db => db.ApiKeys.Where(k => k.Id == expired.Row.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        using (var anonymous = app.ClientWith(null))
        {
            var missing = await anonymous.GetAsync("/v1/domains");
            await AssertProblemAsync(missing, HttpStatusCode.Unauthorized, "Missing API key");
            Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        }
        using (var unknown = app.ClientWith(ApiKeySecret.Generate().Key))
        {
            await AssertProblemAsync(await unknown.GetAsync("/v1/domains"), HttpStatusCode.Unauthorized, "Unknown API key");
        }
        using (var http = app.ClientWith(revoked.Key))
        {
            await AssertProblemAsync(await http.PostAsJsonAsync("/v1/scan", new { domain = "example.com" }), HttpStatusCode.Unauthorized, "revoked");
        }
        using (var http = app.ClientWith(expired.Key))
        {
            await AssertProblemAsync(await http.GetAsync("/v1/domains"), HttpStatusCode.Unauthorized, "expired");
        }
        // Refused requests of identified keys are logged; nothing was scanned or added.
        var logged = await app.QueryAsync(owner.Org, db => db.ApiRequestLogs.Select(l => new { l.ApiKeyId, l.StatusCode }).ToListAsync());
        Assert.Contains(logged, l => l.ApiKeyId == revoked.Row.Id && l.StatusCode == 401);
        Assert.Contains(logged, l => l.ApiKeyId == expired.Row.Id && l.StatusCode == 401);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task Request_KeyWithoutTheScope_Returns403InsufficientScope()
    {
        var owner = await app.NewOwnerAsync();
        var readOnly = await app.CreateKeyAsync(owner, ApiScopes.ScanRead);
        using var http = app.ClientWith(readOnly.Key);

        await AssertProblemAsync(await http.PostAsJsonAsync("/v1/scan", new { domain = "example.com" }), HttpStatusCode.Forbidden, "insufficient_scope");
        await AssertProblemAsync(await http.GetAsync("/v1/reports/cl_rpt_000000000000000000000000"), HttpStatusCode.Forbidden, "reports:read");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/domains")).StatusCode);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task Request_JobReportOrDomainOfAnotherOrganization_Returns404()
    {
        var victim = await app.NewOwnerAsync("Victim");
        var scan = await app.ArrangeCompletedScanAsync(victim.Org, "victim.example.com", TimeSpan.FromMinutes(5));
        var attacker = await app.NewOwnerAsync("Attacker");
        var key = await app.CreateKeyAsync(attacker);
        using var http = app.ClientWith(key.Key);

        await AssertProblemAsync(await http.GetAsync($"/v1/scan/jobs/{scan.JobId}"), HttpStatusCode.NotFound, "No scan job");
        await AssertProblemAsync(await http.GetAsync($"/v1/reports/{scan.ReportId}"), HttpStatusCode.NotFound, "No report");
        await AssertProblemAsync(await http.GetAsync("/v1/domains/victim.example.com/scans"), HttpStatusCode.NotFound, "not a domain");
        Assert.Empty((await JsonAsync(await http.GetAsync("/v1/domains"))).GetProperty("items").EnumerateArray());

        // The owner's own key sees them.
        var ownKey = await app.CreateKeyAsync(victim);
        using var own = app.ClientWith(ownKey.Key);
        var job = await JsonAsync(await own.GetAsync($"/v1/scan/jobs/{scan.JobId}"));
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, job.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task PostScan_RecentCompletedScan_ReturnsItUnlessForced()
    {
        var owner = await app.NewOwnerAsync();
        var recent = await app.ArrangeCompletedScanAsync(owner.Org, "cached.example.com", TimeSpan.FromMinutes(10));
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);

        var cached = await http.PostAsJsonAsync("/v1/scan", new { domain = "Cached.Example.com" });
        Assert.Equal(HttpStatusCode.Accepted, cached.StatusCode);
        var cachedBody = await JsonAsync(cached);
        Assert.Equal(recent.JobId, cachedBody.GetProperty("job_id").GetString());
        Assert.Equal("completed", cachedBody.GetProperty("status").GetString());

        var forced = await http.PostAsJsonAsync("/v1/scan", new { domain = "cached.example.com", force = true });
        Assert.Equal(HttpStatusCode.Accepted, forced.StatusCode);
        var forcedBody = await JsonAsync(forced);
        Assert.NotEqual(recent.JobId, forcedBody.GetProperty("job_id").GetString());
        Assert.Contains(forcedBody.GetProperty("status").GetString(), JobStates[..2]);

        // An old scan is not served from the cache.
        var other = await app.ArrangeCompletedScanAsync(owner.Org, "stale.example.com", TimeSpan.FromHours(2));
        var stale = await JsonAsync(await http.PostAsJsonAsync("/v1/scan", new { domain = "stale.example.com" }));
        Assert.NotEqual(other.JobId, stale.GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task CreatedKey_IsStoredOnlyAsHashAndPrefix()
    {
        var owner = await app.NewOwnerAsync();
        var key = await app.CreateKeyAsync(owner);
        using (var http = app.ClientWith(key.Key))
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/domains")).StatusCode);
        }

        Assert.Matches("^cl_[A-Za-z0-9_-]{43}$", key.Key);
        var stored = await app.QueryAsync(owner.Org, db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == key.Row.Id));
        Assert.Equal(ApiKeySecret.Hash(key.Key), stored.Sha256Hash);
        Assert.Equal(key.Key.Substring(3, 8), stored.Prefix);
        // Search every table of the database for the key or its secret part.
        var secretPart = key.Key[12..];
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.Contains("api_keys", tables);
        foreach (var table in tables)
        {
#pragma warning disable CA2100 // table names come from the catalogue, not from input
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" t WHERE row_to_json(t)::text LIKE '%' || @secret || '%'", connection);
#pragma warning restore CA2100
            search.Parameters.AddWithValue("secret", secretPart);
            Assert.True(0L == (long)(await search.ExecuteScalarAsync())!, $"table {table} holds the key");
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheV1Endpoints()
    {
        using var http = app.ClientWith(null);
        var response = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await JsonAsync(response)).GetProperty("paths");
        foreach (var path in V1Paths)
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }
    }
}
