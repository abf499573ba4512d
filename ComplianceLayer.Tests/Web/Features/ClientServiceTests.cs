using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Features;

[Trait("Category", "Integration")]
public sealed class ClientServiceTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_ValidInput_TrimsSavesAndAudits()
    {
        var owner = await app.NewOwnerAsync();

        var created = await app.ClientsAsync(owner, s => s.CreateAsync(
            new ClientInput("  Northwind Traders ", " it@northwind.com ", "  "), None));

        Assert.Equal("Northwind Traders", created.Name);
        Assert.Equal("it@northwind.com", created.ContactEmail);
        Assert.Null(created.Notes);
        var stored = await app.ClientsAsync(owner, s => s.GetAsync(created.Id, None));
        Assert.NotNull(stored);
        Assert.Equal("Northwind Traders", stored.Name);
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "client.created"));
        Assert.Equal(created.Id.ToString(), audit.EntityId);
        Assert.Equal(owner.UserId, audit.ActorUserId);
        Assert.Contains("Northwind Traders", audit.Summary, StringComparison.Ordinal);
    }

    public static TheoryData<string?, string?, string?, string> InvalidInputs => new()
    {
        { null, null, null, "name" },
        { "   ", null, null, "name" },
        { new string('x', 201), null, null, "too long" },
        { "Acme", "not-an-email", null, "e-mail" },
        { "Acme", "a b@acme.com", null, "e-mail" },
        { "Acme", "Someone <someone@acme.com>", null, "e-mail" },
        { "Acme", null, new string('n', 2001), "notes" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Create_InvalidInput_ThrowsValidationAndSavesNothing(string? name, string? email, string? notes, string messagePart)
    {
        var owner = await app.NewOwnerAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.ClientsAsync(owner, s => s.CreateAsync(new ClientInput(name, email, notes), None)));

        Assert.Contains(messagePart, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Clients.CountAsync()));
        Assert.Empty(await app.AuditEventsAsync(owner.Org, "client.created"));
    }

    [Fact]
    public async Task Create_NameAtLimits_IsAccepted()
    {
        var owner = await app.NewOwnerAsync();

        var created = await app.ClientsAsync(owner, s => s.CreateAsync(
            new ClientInput(new string('x', 200), null, new string('n', 2000)), None));

        Assert.Equal(200, created.Name.Length);
        Assert.Equal(2000, created.Notes!.Length);
    }

    [Fact]
    public async Task Create_NameTakenIgnoringCase_Throws()
    {
        var owner = await app.NewOwnerAsync();
        await app.CreateClientAsync(owner, "Contoso Dental");

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.CreateClientAsync(owner, "contoso DENTAL"));

        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ChangesFields_AndAudits()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Old name");

        var updated = await app.ClientsAsync(owner, s => s.UpdateAsync(client.Id, new ClientInput("New name", "ops@new.com", "VIP"), None));

        Assert.Equal("New name", updated.Name);
        var stored = await app.ClientsAsync(owner, s => s.GetAsync(client.Id, None));
        Assert.Equal(("New name", "ops@new.com", "VIP"), (stored!.Name, stored.ContactEmail, stored.Notes));
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "client.updated"));
        Assert.Equal(client.Id.ToString(), audit.EntityId);
        Assert.Contains("renamed from Old name", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_KeepingOwnNameInOtherCase_IsAllowed()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "acme");

        var updated = await app.ClientsAsync(owner, s => s.UpdateAsync(client.Id, new ClientInput("ACME"), None));

        Assert.Equal("ACME", updated.Name);
    }

    [Fact]
    public async Task Update_InvalidInput_ChangesNothing()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Kept");

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.ClientsAsync(owner, s => s.UpdateAsync(client.Id, new ClientInput(""), None)));

        Assert.Equal("Kept", (await app.ClientsAsync(owner, s => s.GetAsync(client.Id, None)))!.Name);
        Assert.Empty(await app.AuditEventsAsync(owner.Org, "client.updated"));
    }

    [Fact]
    public async Task List_SearchIgnoresCase_AndCountsDomains()
    {
        var owner = await app.NewOwnerAsync();
        var northwind = await app.CreateClientAsync(owner, "Northwind Traders");
        await app.CreateClientAsync(owner, "Contoso");
        await app.AddDomainAsync(owner, northwind.Id, "northwind.com");
        await app.AddDomainAsync(owner, northwind.Id, "northwind-mail.com");

        var page = await app.ClientsAsync(owner, s => s.ListAsync(new ClientListQuery(Search: "WIND"), None));

        var row = Assert.Single(page.Items);
        Assert.Equal(1, page.TotalCount);
        Assert.Equal("Northwind Traders", row.Name);
        Assert.Equal(2, row.DomainCount);
    }

    [Fact]
    public async Task List_SearchWithLikeWildcards_MatchesLiterally()
    {
        var owner = await app.NewOwnerAsync();
        await app.CreateClientAsync(owner, "100% Dental");
        await app.CreateClientAsync(owner, "Other");

        var page = await app.ClientsAsync(owner, s => s.ListAsync(new ClientListQuery(Search: "%"), None));

        Assert.Equal("100% Dental", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task List_SortsAndPages_ReturningTotal()
    {
        var owner = await app.NewOwnerAsync();
        foreach (var name in new[] { "Delta", "alpha", "Charlie", "Bravo", "Echo" })
        {
            await app.CreateClientAsync(owner, name);
        }

        var first = await app.ClientsAsync(owner, s => s.ListAsync(new ClientListQuery(Page: 0, PageSize: 2), None));
        var last = await app.ClientsAsync(owner, s => s.ListAsync(new ClientListQuery(Descending: true, Page: 2, PageSize: 2), None));

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(2, first.Items.Count);
        Assert.Equal("alpha", first.Items[0].Name, ignoreCase: true);
        Assert.Equal("alpha", Assert.Single(last.Items).Name, ignoreCase: true);
    }

    [Fact]
    public async Task List_SortByDomainCount_PutsBusiestFirstWhenDescending()
    {
        var owner = await app.NewOwnerAsync();
        var quiet = await app.CreateClientAsync(owner, "A quiet one");
        var busy = await app.CreateClientAsync(owner, "Z busy one");
        await app.AddDomainAsync(owner, busy.Id, "busy.com");
        await app.AddDomainAsync(owner, busy.Id, "busy.org");
        await app.AddDomainAsync(owner, quiet.Id, "quiet.com");

        var page = await app.ClientsAsync(owner, s => s.ListAsync(new ClientListQuery(SortBy: ClientSortField.DomainCount, Descending: true), None));

        Assert.Equal([busy.Id, quiet.Id], page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Delete_ReportsDomainsAndScans_CascadesAndAudits()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Going away");
        var keep = await app.CreateClientAsync(owner, "Staying");
        var d1 = await app.AddDomainAsync(owner, client.Id, "going.com");
        var d2 = await app.AddDomainAsync(owner, client.Id, "going.org");
        var kept = await app.AddDomainAsync(owner, keep.Id, "staying.com");
        await app.AddScansAsync(owner.Org, d1.Id, 2);
        await app.AddScansAsync(owner.Org, d2.Id, 1);
        await app.AddScansAsync(owner.Org, kept.Id, 1);

        var preview = await app.ClientsAsync(owner, s => s.GetDeletionAsync(client.Id, None));
        var deleted = await app.ClientsAsync(owner, s => s.DeleteAsync(client.Id, None));

        Assert.Equal(preview, deleted);
        Assert.Equal((2, 3), (deleted.DomainCount, deleted.ScanCount));
        Assert.Equal("Delete client Going away with its 2 domains and 3 scans? This cannot be undone.", deleted.Describe());
        Assert.Null(await app.ClientsAsync(owner, s => s.GetAsync(client.Id, None)));
        Assert.Equal(1, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
        Assert.Equal(1, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync()));
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "client.deleted"));
        Assert.Contains("2 domains and 3 scans", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_UnknownClient_ThrowsNotFound()
    {
        var owner = await app.NewOwnerAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.ClientsAsync(owner, s => s.DeleteAsync(Guid.NewGuid(), None)));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherOrganization_CannotSeeOrChangeClients()
    {
        var a = await app.NewOwnerAsync("Org A");
        var b = await app.NewOwnerAsync("Org B");
        var clientA = await app.ClientsAsync(a, s => s.CreateAsync(new ClientInput("Secret client", "x@a.com", "notes"), None));
        await app.AddDomainAsync(a, clientA.Id, "secret-a.com");
        await app.CreateClientAsync(b, "B's own client");

        var listB = await app.ClientsAsync(b, s => s.ListAsync(new ClientListQuery(), None));
        var optionsB = await app.ClientsAsync(b, s => s.ListOptionsAsync(None));
        var getB = await app.ClientsAsync(b, s => s.GetAsync(clientA.Id, None));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.ClientsAsync(b, s => s.UpdateAsync(clientA.Id, new ClientInput("Hijacked"), None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.ClientsAsync(b, s => s.GetDeletionAsync(clientA.Id, None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.ClientsAsync(b, s => s.DeleteAsync(clientA.Id, None)));

        Assert.Equal("B's own client", Assert.Single(listB.Items).Name);
        Assert.Equal(1, listB.TotalCount);
        Assert.DoesNotContain(optionsB, o => o.Id == clientA.Id);
        Assert.Null(getB);
        var after = await app.ClientsAsync(a, s => s.GetAsync(clientA.Id, None));
        Assert.Equal(("Secret client", "x@a.com", "notes", 1), (after!.Name, after.ContactEmail, after.Notes, after.DomainCount));
        Assert.Empty(await app.AuditEventsAsync(b.Org, "client.updated"));
        Assert.Empty(await app.AuditEventsAsync(b.Org, "client.deleted"));
    }

    [Fact]
    public async Task Viewer_CanRead_ButEveryMutationIsDenied()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Read only");
        var viewer = await app.NewMemberAsync(owner, OrganizationRole.Viewer);

        var list = await app.ClientsAsync(viewer, s => s.ListAsync(new ClientListQuery(), None));
        var get = await app.ClientsAsync(viewer, s => s.GetAsync(client.Id, None));
        var options = await app.ClientsAsync(viewer, s => s.ListOptionsAsync(None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.ClientsAsync(viewer, s => s.CreateAsync(new ClientInput("New"), None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            app.ClientsAsync(viewer, s => s.UpdateAsync(client.Id, new ClientInput("Renamed"), None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.ClientsAsync(viewer, s => s.GetDeletionAsync(client.Id, None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.ClientsAsync(viewer, s => s.DeleteAsync(client.Id, None)));

        Assert.Single(list.Items);
        Assert.NotNull(get);
        Assert.Single(options);
        Assert.Equal("Read only", (await app.ClientsAsync(owner, s => s.GetAsync(client.Id, None)))!.Name);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "client.created"));
    }

    [Fact]
    public async Task Technician_CanCreateUpdateAndDelete()
    {
        var owner = await app.NewOwnerAsync();
        var technician = await app.NewMemberAsync(owner, OrganizationRole.Technician);

        var created = await app.CreateClientAsync(technician, "By technician");
        await app.ClientsAsync(technician, s => s.UpdateAsync(created.Id, new ClientInput("Renamed by technician"), None));
        await app.ClientsAsync(technician, s => s.DeleteAsync(created.Id, None));

        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Clients.CountAsync()));
        var actors = await app.QueryAsync(owner.Org, db => db.AuditEvents.Where(e => e.EntityId == created.Id.ToString()).Select(e => e.ActorUserId).ToListAsync());
        Assert.Equal(3, actors.Count);
        Assert.All(actors, id => Assert.Equal(technician.UserId, id));
    }

    [Fact]
    public async Task UserWithoutOrganization_IsDenied()
    {
        var loner = await app.CreateUserAsync($"loner-{Guid.NewGuid():N}@test.example");

        await Assert.ThrowsAsync<AccessDeniedException>(() => app.ClientsAsync(loner, s => s.ListAsync(new ClientListQuery(), None)));
    }
}
