using System.Text;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Features;

[Trait("Category", "Integration")]
public sealed class DomainBulkAddTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task BulkAddToClient_OneInvalidLine_AddsTheValidOnesAndReportsTheInvalidOne()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Bulk client");

        var result = await app.DomainsAsync(owner, s => s.BulkAddToClientAsync(client.Id, "alpha.com\r\nlocalhost\n\nbravo.org\n", None));

        Assert.Equal((2, 1), (result.Added, result.Rejected));
        Assert.Equal([1, 2, 4], result.Lines.Select(l => l.LineNumber));
        var rejected = Assert.Single(result.Lines, l => l.Status == BulkLineStatus.Rejected);
        Assert.Equal("localhost", rejected.Input);
        Assert.Equal(DomainName.Parse("localhost").Error, rejected.Reason);
        Assert.All(result.Lines.Where(l => l.Status == BulkLineStatus.Added), l => Assert.Equal("Bulk client", l.ClientName));
        Assert.Equal(["alpha.com", "bravo.org"], await app.QueryAsync(owner.Org, db => db.Domains.OrderBy(d => d.Name).Select(d => d.Name).ToListAsync()));
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "domain.bulk_added"));
        Assert.Equal("Bulk-added 2 domains to client Bulk client (1 lines rejected).", audit.Summary);
        Assert.Equal(client.Id.ToString(), audit.EntityId);
    }

    [Fact]
    public async Task BulkAddToClient_AlreadyMonitored_IsRejectedNamingTheClient()
    {
        var owner = await app.NewOwnerAsync();
        var holder = await app.CreateClientAsync(owner, "Holder");
        var target = await app.CreateClientAsync(owner, "Target");
        await app.AddDomainAsync(owner, holder.Id, "taken.com");

        var result = await app.DomainsAsync(owner, s => s.BulkAddToClientAsync(target.Id, "taken.com\nTAKEN.com.\nfree.com", None));

        Assert.Equal(
            // The second line normalises to the first, so the parser reports it as a duplicate within the list.
            [(BulkLineStatus.Rejected, "already monitored (client Holder)"), (BulkLineStatus.Rejected, "Duplicate of line 1"), (BulkLineStatus.Added, null)],
            result.Lines.Select(l => (l.Status, l.Reason)));
        Assert.Equal(holder.Id, await app.QueryAsync(owner.Org, db => db.Domains.Where(d => d.Name == "taken.com").Select(d => d.ClientId).SingleAsync()));
    }

    [Fact]
    public async Task BulkAddToClient_SameNameTwiceInTheList_AddsItOnce()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Client");

        var result = await app.DomainsAsync(owner, s => s.BulkAddToClientAsync(client.Id, "twice.com\nsomething.com\ntwice.com", None));

        Assert.Equal(
            [BulkLineStatus.Added, BulkLineStatus.Added, BulkLineStatus.Rejected],
            result.Lines.Select(l => l.Status));
        Assert.False(string.IsNullOrWhiteSpace(result.Lines[2].Reason));
        Assert.Equal(1, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync(d => d.Name == "twice.com")));
    }

    [Fact]
    public async Task BulkAddToClient_NothingValid_AddsNothingAndStillReportsEachLine()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Client");

        var result = await app.DomainsAsync(owner, s => s.BulkAddToClientAsync(client.Id, "localhost\nnodots", None));

        Assert.Equal((0, 2), (result.Added, result.Rejected));
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    public async Task BulkAddToClient_EmptyList_Throws(string text)
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Client");

        await Assert.ThrowsAsync<ValidationFailedException>(() => app.DomainsAsync(owner, s => s.BulkAddToClientAsync(client.Id, text, None)));
    }

    [Fact]
    public async Task BulkAddToClient_MoreThanMaxLines_ThrowsAndAddsNothing()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Client");
        var text = string.Join('\n', Enumerable.Range(0, DomainListParser.MaxLines + 1).Select(i => $"d{i}.com"));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.DomainsAsync(owner, s => s.BulkAddToClientAsync(client.Id, text, None)));

        Assert.Contains($"at most {DomainListParser.MaxLines}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task BulkAddToClient_MoreThanOneMebibyte_Throws()
    {
        var owner = await app.NewOwnerAsync();
        var client = await app.CreateClientAsync(owner, "Client");
        var text = new string('a', DomainService.MaxUploadBytes) + ".com";

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => app.DomainsAsync(owner, s => s.BulkAddToClientAsync(client.Id, text, None)));

        Assert.Contains("1 MiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadUpload_AtMostOneMebibyte_IsRead_LargerIsRefused()
    {
        var fits = Encoding.UTF8.GetBytes("\uFEFFclient,domain\n" + new string('#', DomainService.MaxUploadBytes - 20));
        var tooBig = new byte[DomainService.MaxUploadBytes + 1];

        var text = await DomainService.ReadUploadAsync(new MemoryStream(fits), None);
        await Assert.ThrowsAsync<ValidationFailedException>(() => DomainService.ReadUploadAsync(new MemoryStream(tooBig), None));

        Assert.StartsWith("client,domain", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportCsv_CreatesMissingClients_AndFindsExistingOnesIgnoringCase()
    {
        var owner = await app.NewOwnerAsync();
        var existing = await app.CreateClientAsync(owner, "Northwind Traders");
        // No header line: skipping it is the parser's rule, tested with the parser.
        const string csv = "northwind TRADERS,northwind.com\nContoso Dental,contoso.com\ncontoso dental,contoso.net\nContoso Dental,localhost\n";

        var result = await app.DomainsAsync(owner, s => s.ImportCsvAsync(csv, None));

        Assert.Equal((3, 1, 1), (result.Added, result.Rejected, result.ClientsCreated));
        var clients = await app.QueryAsync(owner.Org, db => db.Clients.OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync());
        Assert.Equal(["Contoso Dental", "Northwind Traders"], clients.Select(c => c.Name));
        var contoso = clients[0].Id;
        var domains = await app.QueryAsync(owner.Org, db => db.Domains.OrderBy(d => d.Name).Select(d => new { d.Name, d.ClientId }).ToListAsync());
        Assert.Equal(
            [("contoso.com", contoso), ("contoso.net", contoso), ("northwind.com", existing.Id)],
            domains.Select(d => (d.Name, d.ClientId)));
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "domain.bulk_added"));
        Assert.Equal("Bulk-added 3 domains from a CSV file (1 lines rejected, 1 new clients).", audit.Summary);
    }

    [Fact]
    public async Task ImportCsv_LineWithoutClient_IsRejected()
    {
        var owner = await app.NewOwnerAsync();

        var result = await app.DomainsAsync(owner, s => s.ImportCsvAsync("orphan.com\n,orphan.org\nHas client,fine.com", None));

        Assert.Equal([BulkLineStatus.Rejected, BulkLineStatus.Rejected, BulkLineStatus.Added], result.Lines.Select(l => l.Status));
        Assert.Equal(["fine.com"], await app.QueryAsync(owner.Org, db => db.Domains.Select(d => d.Name).ToListAsync()));
    }

    [Fact]
    public async Task ImportCsv_AlreadyMonitored_IsRejectedNamingTheClient()
    {
        var owner = await app.NewOwnerAsync();
        var holder = await app.CreateClientAsync(owner, "Holder");
        await app.AddDomainAsync(owner, holder.Id, "held.com");

        var result = await app.DomainsAsync(owner, s => s.ImportCsvAsync("Someone else,held.com", None));

        var line = Assert.Single(result.Lines);
        Assert.Equal((BulkLineStatus.Rejected, "already monitored (client Holder)"), (line.Status, line.Reason));
    }

    [Fact]
    public async Task ImportCsv_ClientsOfAnotherOrganization_AreNotUsed()
    {
        var a = await app.NewOwnerAsync("Org A");
        var b = await app.NewOwnerAsync("Org B");
        var clientA = await app.CreateClientAsync(a, "Same name");

        var result = await app.DomainsAsync(b, s => s.ImportCsvAsync("Same name,b-side.com", None));

        Assert.Equal(1, result.ClientsCreated);
        Assert.Equal(0, await app.QueryAsync(a.Org, db => db.Domains.CountAsync()));
        var clientB = await app.QueryAsync(b.Org, db => db.Clients.SingleAsync());
        Assert.NotEqual(clientA.Id, clientB.Id);
    }
}
