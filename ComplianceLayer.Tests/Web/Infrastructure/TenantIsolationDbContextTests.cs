using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Tenancy;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Infrastructure;

[Trait("Category", "Integration")]
public sealed class TenantIsolationDbContextTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<(TestMember A, TestMember B, Guid ClientA, Guid DomainA)> ArrangeAsync()
    {
        var a = await app.CreateUserAsync($"a-{Guid.NewGuid():N}@a.example", "Org A");
        var b = await app.CreateUserAsync($"b-{Guid.NewGuid():N}@b.example", "Org B");
        var (scope, db) = await app.DbForTenantAsync(a.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = "Client of A" };
            var domain = new MonitoredDomain { ClientId = client.Id, Name = "a.example", DisplayName = "a.example" };
            db.Clients.Add(client);
            db.Domains.Add(domain);
            var scan = new Scan { DomainId = domain.Id };
            db.Scans.Add(scan);
            await db.SaveChangesAsync();
            return (a, b, client.Id, domain.Id);
        }
    }

    [Fact]
    public void Model_EveryTenantOwnedEntityHasTheTenantFilter()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owned = db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList();
        Assert.NotEmpty(owned);
        Assert.All(owned, e => Assert.NotNull(e.FindDeclaredQueryFilter(AppDbContext.TenantFilter)));
    }

    [Fact]
    public async Task Query_OtherTenant_SeesNothing()
    {
        var (a, b, clientA, domainA) = await ArrangeAsync();
        var (scope, db) = await app.DbForTenantAsync(b.Org);
        await using (scope)
        await using (db)
        {
            Assert.Null(await db.Clients.FirstOrDefaultAsync(c => c.Id == clientA));
            Assert.Null(await db.Domains.FirstOrDefaultAsync(d => d.Id == domainA));
            Assert.Empty(await db.Scans.Where(s => s.DomainId == domainA).ToListAsync());
            Assert.DoesNotContain(await db.Memberships.ToListAsync(), m => m.UserId == a.UserId);
            Assert.DoesNotContain(await db.AuditEvents.ToListAsync(), e => e.OrganizationId == a.Org);
        }
    }

    [Fact]
    public async Task Query_NoTenant_SeesNothing()
    {
        await ArrangeAsync();
        var (scope, db) = await app.DbForTenantAsync(null);
        await using (scope)
        await using (db)
        {
            Assert.Empty(await db.Clients.ToListAsync());
            Assert.Empty(await db.Domains.ToListAsync());
            Assert.Empty(await db.Memberships.ToListAsync());
        }
    }

    [Fact]
    public async Task Update_RowOfOtherTenant_IsRefused()
    {
        var (a, b, clientA, _) = await ArrangeAsync();
        var (scope, db) = await app.DbForTenantAsync(b.Org);
        await using (scope)
        await using (db)
        {
            // Even a row obtained around the filter cannot be written from another tenant's scope.
            var client = await db.Clients.IgnoreQueryFilters([AppDbContext.TenantFilter]).SingleAsync(c => c.Id == clientA);
            client.Name = "hijacked";
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Delete_RowOfOtherTenant_IsRefused()
    {
        var (_, b, clientA, _) = await ArrangeAsync();
        var (scope, db) = await app.DbForTenantAsync(b.Org);
        await using (scope)
        await using (db)
        {
            var client = await db.Clients.IgnoreQueryFilters([AppDbContext.TenantFilter]).SingleAsync(c => c.Id == clientA);
            db.Clients.Remove(client);
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Insert_IntoOtherTenant_IsRefused_AndInsertIsStamped()
    {
        var (a, b, _, _) = await ArrangeAsync();
        var (scope, db) = await app.DbForTenantAsync(b.Org);
        await using (scope)
        await using (db)
        {
            var stamped = new Client { Name = "mine" };
            db.Clients.Add(stamped);
            await db.SaveChangesAsync();
            Assert.Equal(b.Org, stamped.OrganizationId);

            db.Clients.Add(new Client { Name = "theirs", OrganizationId = a.Org });
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Write_WithNoTenant_IsRefused()
    {
        var (scope, db) = await app.DbForTenantAsync(null);
        await using (scope)
        await using (db)
        {
            db.Clients.Add(new Client { Name = "orphan", OrganizationId = Guid.NewGuid() });
            await Assert.ThrowsAsync<TenantViolationException>(() => db.SaveChangesAsync());
        }
    }
}
