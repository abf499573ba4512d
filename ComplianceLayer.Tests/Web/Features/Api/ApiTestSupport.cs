using System.Net.Http.Headers;
using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Api;

/// <summary>Arranging keys, domains and scans for the API tests, and an HttpClient that presents a key.</summary>
internal static class ApiTestSupport
{
    public static async Task<ApiKeyCreated> CreateKeyAsync(this WebAppFixture app, TestMember admin, params string[] scopes)
    {
        await using var scope = app.ScopeFor(admin);
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(
            new ApiKeyInput("test key", scopes.Length == 0 ? ApiScopes.All.ToArray() : scopes, null), CancellationToken.None);
    }

    public static HttpClient ClientWith(this WebAppFixture app, string? key)
    {
        var client = app.Factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    /// <summary>A domain with one completed scan that finished <paramref name="finishedAgo"/> ago.</summary>
    public static async Task<Scan> ArrangeCompletedScanAsync(this WebAppFixture app, Guid organizationId, string domainName, TimeSpan finishedAgo)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var domain = await db.Domains.SingleOrDefaultAsync(d => d.Name == domainName);
            if (domain is null)
            {
                var client = new Client { Name = "Arranged" };
                domain = new MonitoredDomain { ClientId = client.Id, Name = domainName, DisplayName = domainName };
                db.AddRange(client, domain);
            }
            var at = DateTimeOffset.UtcNow - finishedAgo;
            var scan = new Scan { DomainId = domain.Id, QueuedAt = at.AddMinutes(-1), Trigger = ScanTrigger.Manual };
            scan.MarkRunning(at.AddMinutes(-1));
            scan.Complete(81, "B", "low_medium", 1, $$"""{"domain":"{{domainName}}","score":81,"grade":"B"}""", at);
            db.Scans.Add(scan);
            await db.SaveChangesAsync();
            return scan;
        }
    }
}
