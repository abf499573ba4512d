using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Features.Domains;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features;

/// <summary>Arranging and inspecting data for the client and domain service tests, always through a member's scope.</summary>
internal static class FeatureTestData
{
    public static async Task<TestMember> NewOwnerAsync(this WebAppFixture app, string organizationName = "Org") =>
        await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@test.example", organizationName);

    public static async Task<TestMember> NewMemberAsync(this WebAppFixture app, TestMember owner, OrganizationRole role)
    {
        var member = await app.CreateUserAsync($"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.example");
        await app.AddMemberAsync(owner.Org, member, role);
        return member;
    }

    public static async Task<T> ClientsAsync<T>(this WebAppFixture app, TestMember member, Func<ClientService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<ClientService>());
    }

    public static async Task<T> DomainsAsync<T>(this WebAppFixture app, TestMember member, Func<DomainService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<DomainService>());
    }

    public static Task<ClientDetails> CreateClientAsync(this WebAppFixture app, TestMember member, string name) =>
        app.ClientsAsync(member, s => s.CreateAsync(new ClientInput(name), CancellationToken.None));

    public static Task<DomainSummary> AddDomainAsync(this WebAppFixture app, TestMember member, Guid clientId, string name) =>
        app.DomainsAsync(member, s => s.AddAsync(clientId, name, CancellationToken.None));

    public static async Task AddScansAsync(this WebAppFixture app, Guid organizationId, Guid domainId, int count)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            for (var i = 0; i < count; i++)
            {
                // Finished scans: a domain may have at most one queued or running scan.
                var scan = new Scan { DomainId = domainId, QueuedAt = DateTimeOffset.UtcNow };
                scan.MarkRunning(DateTimeOffset.UtcNow);
                scan.Fail("test data", DateTimeOffset.UtcNow);
                db.Scans.Add(scan);
            }
            await db.SaveChangesAsync();
        }
    }

    public static async Task<List<AuditEvent>> AuditEventsAsync(this WebAppFixture app, Guid organizationId, string action)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            return await db.AuditEvents.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync();
        }
    }

    public static async Task<T> QueryAsync<T>(this WebAppFixture app, Guid organizationId, Func<ComplianceLayer.Web.Infrastructure.Data.AppDbContext, Task<T>> query)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            return await query(db);
        }
    }
}
