using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Features;

[Trait("Category", "Integration")]
public sealed class DomainServiceTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task List_ByScanState_ReturnsNeverScannedOrStaleDomainsOfThisOrganizationOnly()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Contoso");
        await app.AddDomainAsync(owner, client.Id, "never.contoso.com");
        await app.AddDomainAsync(owner, client.Id, "stale.contoso.com");
        await app.AddDomainAsync(owner, client.Id, "fresh.contoso.com");
        // The stale domain's latest completed scan is 40 days old; the fresh one was scanned long ago and again yesterday.
        await ComplianceLayer.Tests.Web.Features.Api.ApiTestSupport.ArrangeCompletedScanAsync(app, owner.Org, "stale.contoso.com", TimeSpan.FromDays(40));
        await ComplianceLayer.Tests.Web.Features.Api.ApiTestSupport.ArrangeCompletedScanAsync(app, owner.Org, "fresh.contoso.com", TimeSpan.FromDays(60));
        await ComplianceLayer.Tests.Web.Features.Api.ApiTestSupport.ArrangeCompletedScanAsync(app, owner.Org, "fresh.contoso.com", TimeSpan.FromDays(1));
        var other = await app.NewOwnerAsync();
        var otherClient = await app.CreateClientAsync(other, "Elsewhere");
        await app.AddDomainAsync(other, otherClient.Id, "never.elsewhere.com");

        var never = await app.DomainsAsync(owner, s => s.ListAsync(new DomainListQuery(State: DomainScanState.NeverScanned), None));
        var stale = await app.DomainsAsync(owner, s => s.ListAsync(new DomainListQuery(State: DomainScanState.Stale), None));
        var all = await app.DomainsAsync(owner, s => s.ListAsync(new DomainListQuery(), None));

        Assert.Equal(["never.contoso.com"], never.Items.Select(d => d.Name));
        Assert.Equal(1, never.TotalCount);
        Assert.Equal(["stale.contoso.com"], stale.Items.Select(d => d.Name));
        Assert.Equal(3, all.TotalCount);
    }

    [Fact]
    public async Task Add_ValidName_StoresNormalisedNameAndAudits()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Contoso");

        var added = await app.AddDomainAsync(owner, client.Id, "  Contoso.COM. ");

        Assert.Equal("contoso.com", added.Name);
        Assert.Equal("Contoso", added.ClientName);
        var stored = await app.QueryAsync(owner.Org, db => db.Domains.SingleAsync());
        Assert.Equal(("contoso.com", client.Id), (stored.Name, stored.ClientId));
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "domain.added"));
        Assert.Equal(added.Id.ToString(), audit.EntityId);
        Assert.Contains("contoso.com", audit.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    public async Task Add_InvalidName_ThrowsTheParsersError(string input)
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Contoso");

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AddDomainAsync(owner, client.Id, input));

        Assert.StartsWith(DomainName.Parse(input).Error!, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Theory]
    [InlineData("fabrikam.com")]
    [InlineData("FABRIKAM.com")]
    [InlineData("fabrikam.com.")]
    public async Task Add_AlreadyMonitored_NamesTheClientThatHasIt(string input)
    {
        var owner = await app.NewOwnerAsync();
        var first = await app.CreateClientAsync(owner, "First client");
        var second = await app.CreateClientAsync(owner, "Second client");
        await app.AddDomainAsync(owner, first.Id, "fabrikam.com");

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AddDomainAsync(owner, second.Id, input));

        Assert.Equal("fabrikam.com is already monitored (client First client).", ex.Message);
        Assert.Equal(1, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task Add_SameNameInAnotherOrganization_IsAllowed()
    {
        var a = await app.NewOwnerAsync();
        var b = await app.NewOwnerAsync();
        await app.AddDomainAsync(a, (await app.CreateClientAsync(a, "A")).Id, "shared.com");

        var added = await app.AddDomainAsync(b, (await app.CreateClientAsync(b, "B")).Id, "shared.com");

        Assert.Equal("shared.com", added.Name);
    }

    [Fact]
    public async Task Add_DoubleClick_OneSucceedsAndTheOtherGetsTheClearError()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Clicker");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await app.AddDomainAsync(owner, client.Id, "race.com");
                return null;
            }
            catch (ValidationFailedException ex)
            {
                return ex.Message;
            }
        }));

        Assert.Single(attempts, m => m is null);
        Assert.All(attempts.OfType<string>(), m => Assert.Equal("race.com is already monitored (client Clicker).", m));
        Assert.Equal(1, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task Add_UnknownClient_ThrowsNotFound()
    {
        var owner = await app.NewOwnerAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.AddDomainAsync(owner, Guid.NewGuid(), "orphan.com"));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersBySearchAndClient_PagesWithTotalAndClientName()
    {
        var owner = await app.NewOwnerAsync();
        var one = await app.CreateClientAsync(owner, "One");
        var two = await app.CreateClientAsync(owner, "Two");
        foreach (var name in new[] { "shop-a.com", "shop-b.com", "shop-c.com", "blog.com" })
        {
            await app.AddDomainAsync(owner, one.Id, name);
        }
        var other = await app.AddDomainAsync(owner, two.Id, "shop-z.com");
        await app.AddScansAsync(owner.Org, other.Id, 2);

        var searched = await app.DomainsAsync(owner, s => s.ListAsync(new DomainListQuery(Search: "SHOP", PageSize: 2), None));
        var filtered = await app.DomainsAsync(owner, s => s.ListAsync(new DomainListQuery(ClientId: two.Id), None));
        var lastPage = await app.DomainsAsync(owner, s => s.ListAsync(new DomainListQuery(ClientId: one.Id, Page: 1, PageSize: 3), None));

        Assert.Equal(4, searched.TotalCount);
        Assert.Equal(["shop-a.com", "shop-b.com"], searched.Items.Select(d => d.Name));
        var row = Assert.Single(filtered.Items);
        Assert.Equal(("shop-z.com", "Two", 2), (row.Name, row.ClientName, row.ScanCount));
        Assert.Equal(4, lastPage.TotalCount);
        Assert.Equal("shop-c.com", Assert.Single(lastPage.Items).Name);
    }

    [Fact]
    public async Task Move_ToAnotherClient_MovesAndAudits()
    {
        var owner = await app.NewOwnerAsync();
        var from = await app.CreateClientAsync(owner, "From");
        var to = await app.CreateClientAsync(owner, "To");
        var domain = await app.AddDomainAsync(owner, from.Id, "moving.com");
        await app.AddScansAsync(owner.Org, domain.Id, 1);

        var moved = await app.DomainsAsync(owner, s => s.MoveAsync(domain.Id, to.Id, None));

        Assert.Equal((to.Id, "To", 1), (moved.ClientId, moved.ClientName, moved.ScanCount));
        Assert.Equal(to.Id, await app.QueryAsync(owner.Org, db => db.Domains.Where(d => d.Id == domain.Id).Select(d => d.ClientId).SingleAsync()));
        Assert.Equal(1, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync(s => s.DomainId == domain.Id)));
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "domain.moved"));
        Assert.Equal("Moved domain moving.com from client From to client To.", audit.Summary);
    }

    [Fact]
    public async Task Delete_ReportsScans_CascadesAndAudits()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Client");
        var domain = await app.AddDomainAsync(owner, client.Id, "gone.com");
        var kept = await app.AddDomainAsync(owner, client.Id, "kept.com");
        await app.AddScansAsync(owner.Org, domain.Id, 3);
        await app.AddScansAsync(owner.Org, kept.Id, 1);

        var preview = await app.DomainsAsync(owner, s => s.GetDeletionAsync(domain.Id, None));
        var deleted = await app.DomainsAsync(owner, s => s.DeleteAsync(domain.Id, None));

        Assert.Equal(preview, deleted);
        Assert.Equal(3, deleted.ScanCount);
        Assert.Equal("Delete domain gone.com with its 3 scans? This cannot be undone.", deleted.Describe());
        Assert.Equal(["kept.com"], await app.QueryAsync(owner.Org, db => db.Domains.Select(d => d.Name).ToListAsync()));
        Assert.Equal(1, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync()));
        Assert.Single(await app.AuditEventsAsync(owner.Org, "domain.deleted"));
    }

    [Fact]
    public async Task OtherOrganization_CannotSeeMoveOrDeleteDomains()
    {
        var a = await app.NewOwnerAsync("Org A");
        var b = await app.NewOwnerAsync("Org B");
        var clientA = await app.CreateClientAsync(a, "A client");
        var domainA = await app.AddDomainAsync(a, clientA.Id, "a-only.com");
        var clientB = await app.CreateClientAsync(b, "B client");
        var domainB = await app.AddDomainAsync(b, clientB.Id, "b-only.com");

        var listB = await app.DomainsAsync(b, s => s.ListAsync(new DomainListQuery(), None));
        var listByAClient = await app.DomainsAsync(b, s => s.ListAsync(new DomainListQuery(ClientId: clientA.Id), None));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.DomainsAsync(b, s => s.MoveAsync(domainA.Id, clientB.Id, None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.DomainsAsync(b, s => s.MoveAsync(domainB.Id, clientA.Id, None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.DomainsAsync(b, s => s.GetDeletionAsync(domainA.Id, None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.DomainsAsync(b, s => s.DeleteAsync(domainA.Id, None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AddDomainAsync(b, clientA.Id, "sneaky.com"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.DomainsAsync(b, s => s.BulkAddToClientAsync(clientA.Id, "sneaky.com", None)));

        Assert.Equal("b-only.com", Assert.Single(listB.Items).Name);
        Assert.Empty(listByAClient.Items);
        var domainsA = await app.QueryAsync(a.Org, db => db.Domains.Select(d => new { d.Name, d.ClientId }).ToListAsync());
        var onlyA = Assert.Single(domainsA);
        Assert.Equal(("a-only.com", clientA.Id), (onlyA.Name, onlyA.ClientId));
        Assert.Equal(clientB.Id, await app.QueryAsync(b.Org, db => db.Domains.Where(d => d.Id == domainB.Id).Select(d => d.ClientId).SingleAsync()));
        Assert.Equal(0, await app.QueryAsync(b.Org, db => db.Domains.CountAsync(d => d.Name == "sneaky.com")));
    }

    [Fact]
    public async Task Viewer_CanList_ButEveryMutationIsDenied()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Client");
        var other = await app.CreateClientAsync(owner, "Other");
        var domain = await app.AddDomainAsync(owner, client.Id, "viewed.com");
        var viewer = await app.NewMemberAsync(owner, OrganizationRole.Viewer);

        var list = await app.DomainsAsync(viewer, s => s.ListAsync(new DomainListQuery(), None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.AddDomainAsync(viewer, client.Id, "new.com"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.DomainsAsync(viewer, s => s.BulkAddToClientAsync(client.Id, "new.com", None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.DomainsAsync(viewer, s => s.ImportCsvAsync("Client,new.com", None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.DomainsAsync(viewer, s => s.MoveAsync(domain.Id, other.Id, None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.DomainsAsync(viewer, s => s.GetDeletionAsync(domain.Id, None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.DomainsAsync(viewer, s => s.DeleteAsync(domain.Id, None)));

        Assert.Equal("viewed.com", Assert.Single(list.Items).Name);
        var stored = await app.QueryAsync(owner.Org, db => db.Domains.Select(d => new { d.Name, d.ClientId }).ToListAsync());
        Assert.Equal(client.Id, Assert.Single(stored).ClientId);
        Assert.Empty(await app.AuditEventsAsync(owner.Org, "domain.bulk_added"));
    }

    [Fact]
    public async Task Technician_CanAddMoveBulkAddAndDelete()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Client");
        var other = await app.CreateClientAsync(owner, "Other");
        var technician = await app.NewMemberAsync(owner, OrganizationRole.Technician);

        var added = await app.AddDomainAsync(technician, client.Id, "tech.com");
        await app.DomainsAsync(technician, s => s.MoveAsync(added.Id, other.Id, None));
        var bulk = await app.DomainsAsync(technician, s => s.BulkAddToClientAsync(client.Id, "tech.org\ntech.net", None));
        var csv = await app.DomainsAsync(technician, s => s.ImportCsvAsync("Brand new,tech.io", None));
        await app.DomainsAsync(technician, s => s.DeleteAsync(added.Id, None));

        Assert.Equal(2, bulk.Added);
        Assert.Equal((1, 1), (csv.Added, csv.ClientsCreated));
        Assert.Equal(["tech.io", "tech.net", "tech.org"], await app.QueryAsync(owner.Org, db => db.Domains.OrderBy(d => d.Name).Select(d => d.Name).ToListAsync()));
    }
}
