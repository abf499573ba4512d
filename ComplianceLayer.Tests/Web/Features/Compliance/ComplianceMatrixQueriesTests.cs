using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Features.Compliance;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Compliance;

[Trait("Category", "Integration")]
public sealed class ComplianceMatrixQueriesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private sealed record Seeded(TestMember Owner, Guid Acme, Guid Beta, Guid OldBad, Guid NowBad, Guid Never, Guid BetaDomain,
        TestMember Stranger, Guid StrangerDomain);

    /// <summary>
    /// Acme: old-bad failed CC6.7 then passed (latest wins), now-bad passed then failed, never was never scanned. Beta: one clean
    /// domain. Another organization has a failing domain whose name matches every search used here.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var owner = await app.NewOwnerAsync("Matrix Org");
        var acme = await app.AddClientAsync(owner.Org, "Acme");
        var beta = await app.AddClientAsync(owner.Org, "Beta");
        var oldBad = await app.AddScannedDomainAsync(owner.Org, acme, "old-bad.acme.test", SeededScan.Tls10, SeededScan.Clean, SeededScan.Clean);
        var nowBad = await app.AddScannedDomainAsync(owner.Org, acme, "now-bad.acme.test", SeededScan.Clean, SeededScan.Clean, SeededScan.Tls10);
        var never = await app.AddScannedDomainAsync(owner.Org, acme, "never.acme.test");
        var betaDomain = await app.AddScannedDomainAsync(owner.Org, beta, "beta.test", SeededScan.Clean, SeededScan.Clean);
        var stranger = await app.NewOwnerAsync("Stranger Org");
        var strangerClient = await app.AddClientAsync(stranger.Org, "Acme Stranger");
        var strangerDomain = await app.AddScannedDomainAsync(stranger.Org, strangerClient, "acme-stranger.test", SeededScan.Tls10, SeededScan.Tls10);
        return new Seeded(owner, acme, beta, oldBad, nowBad, never, betaDomain, stranger, strangerDomain);
    }

    private async Task<T> AsAsync<T>(TestMember member, Func<ComplianceMatrixQueries, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<ComplianceMatrixQueries>());
    }

    [Fact]
    public async Task GetAsync_ByDomains_LatestScanWins_FailingFirst_NeverScannedNotAssessed_OwnOrganizationOnly()
    {
        var s = await SeedAsync();

        var matrix = await AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Domains), CancellationToken.None));

        Assert.Equal(["CC6.1", "CC6.6", "CC6.7", "CC7.1", "CC8.1"], matrix.Rows.Select(r => r.Control));
        Assert.Equal(MappingStrength.Direct, matrix.Rows.Single(r => r.Control == "CC6.7").Strength);
        Assert.Equal(4, matrix.TotalColumns);
        // The failing domain first, then by name; the other organization's domain never appears.
        Assert.Equal(["now-bad.acme.test", "beta.test", "never.acme.test", "old-bad.acme.test"], matrix.Columns.Select(c => c.Name));
        var nowBad = matrix.Columns[0];
        Assert.Equal(s.NowBad, nowBad.Id);
        Assert.Equal("Acme", nowBad.Detail);
        Assert.Equal(2, nowBad.FailingControls);
        Assert.Equal(ControlStatus.Fail, nowBad.CellFor("CC6.7").Status);
        Assert.Equal(ControlStatus.Fail, nowBad.CellFor("CC6.1").Status);
        Assert.Equal(ControlStatus.Pass, nowBad.CellFor("CC7.1").Status);
        Assert.NotNull(nowBad.ScannedAt);
        var oldBad = matrix.Columns.Single(c => c.Id == s.OldBad);
        Assert.Equal(ControlStatus.Pass, oldBad.CellFor("CC6.7").Status);
        Assert.Equal(0, oldBad.FailingControls);
        var never = matrix.Columns.Single(c => c.Id == s.Never);
        Assert.Null(never.ScannedAt);
        Assert.All(matrix.Rows, r => Assert.Equal(ControlStatus.NotAssessed, never.CellFor(r.Control).Status));

        var strangers = await AsAsync(s.Stranger, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Domains), CancellationToken.None));
        Assert.Equal([s.StrangerDomain], strangers.Columns.Select(c => c.Id));
        Assert.Equal(ControlStatus.Fail, strangers.Columns[0].CellFor("CC6.7").Status);
    }

    [Fact]
    public async Task GetAsync_PagesSearchAndClientFilter_CountAndPageColumnsInSql()
    {
        var s = await SeedAsync();

        var first = await AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Domains, Page: 0, PageSize: 3), CancellationToken.None));
        var second = await AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Domains, Page: 1, PageSize: 3), CancellationToken.None));
        Assert.Equal(3, first.Columns.Count);
        Assert.Equal([s.OldBad], second.Columns.Select(c => c.Id));
        Assert.Equal(4, second.TotalColumns);

        var search = await AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Domains, Search: "acme"), CancellationToken.None));
        Assert.Equal([s.NowBad, s.Never, s.OldBad], search.Columns.Select(c => c.Id));
        var wildcard = await AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Domains, Search: "%"), CancellationToken.None));
        Assert.Empty(wildcard.Columns);

        var beta = await AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Iso27001, MatrixMode.Domains, ClientId: s.Beta), CancellationToken.None));
        Assert.Equal([s.BetaDomain], beta.Columns.Select(c => c.Id));
        Assert.Equal(11, beta.Rows.Count);

        var clients = await AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Clients, Search: "acme"), CancellationToken.None));
        Assert.Equal([s.Acme], clients.Columns.Select(c => c.Id));
        await Assert.ThrowsAsync<ComplianceLayer.Web.Infrastructure.Tenancy.ValidationFailedException>(() =>
            AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery("cobit", MatrixMode.Domains), CancellationToken.None)));
    }

    [Fact]
    public async Task GetAsync_ByClients_FailsIfAnyDomainFails_PassesIfAllAssessedPass_WithCounts()
    {
        var s = await SeedAsync();

        var matrix = await AsAsync(s.Owner, q => q.GetAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Clients), CancellationToken.None));

        Assert.Equal(["Acme", "Beta"], matrix.Columns.Select(c => c.Name));
        var acme = matrix.Columns[0];
        Assert.Equal(3, acme.Domains);
        Assert.Equal(2, acme.AssessedDomains);
        Assert.Equal(new MatrixCell(ControlStatus.Fail, 1, 1, 3), acme.CellFor("CC6.7"));
        Assert.Equal("fail (1 of 3 domains fail)", ComplianceCsv.CellText(acme.CellFor("CC6.7"), MatrixMode.Clients));
        Assert.Equal(new MatrixCell(ControlStatus.Pass, 0, 2, 3), acme.CellFor("CC7.1"));
        var beta = matrix.Columns[1];
        Assert.Equal(ControlStatus.Pass, beta.CellFor("CC6.7").Status);
        Assert.Equal(0, beta.FailingControls);
    }

    [Fact]
    public async Task GetFindingsAsync_ListsTheLatestScansFindingsBehindTheCell_ForTheOwnOrganizationOnly()
    {
        var s = await SeedAsync();

        var domain = await AsAsync(s.Owner, q => q.GetFindingsAsync(ComplianceFrameworks.Soc2, MatrixMode.Domains, s.NowBad, "CC6.7", CancellationToken.None));
        var finding = Assert.Single(domain);
        Assert.Equal((ComplianceTestData.FailingCode, "high", ComplianceTestData.Evidence, "now-bad.acme.test", s.NowBad),
            (finding.Code, finding.Severity, finding.Evidence, finding.DomainName, finding.DomainId));
        Assert.Equal("TLS 1.0 is accepted", finding.Finding);
        Assert.False(string.IsNullOrEmpty(finding.Remediation));

        // Its older scans failed, its latest passed: nothing behind the cell.
        Assert.Empty(await AsAsync(s.Owner, q => q.GetFindingsAsync(ComplianceFrameworks.Soc2, MatrixMode.Domains, s.OldBad, "CC6.7", CancellationToken.None)));
        Assert.Empty(await AsAsync(s.Owner, q => q.GetFindingsAsync(ComplianceFrameworks.Soc2, MatrixMode.Domains, s.NowBad, "CC7.1", CancellationToken.None)));

        var client = await AsAsync(s.Owner, q => q.GetFindingsAsync(ComplianceFrameworks.Soc2, MatrixMode.Clients, s.Acme, "CC6.7", CancellationToken.None));
        Assert.Equal([s.NowBad], client.Select(f => f.DomainId));

        // Another organization's failing domain, asked for by id: nothing; its own members see it.
        Assert.Empty(await AsAsync(s.Owner, q => q.GetFindingsAsync(ComplianceFrameworks.Soc2, MatrixMode.Domains, s.StrangerDomain, "CC6.7", CancellationToken.None)));
        Assert.Single(await AsAsync(s.Stranger, q => q.GetFindingsAsync(ComplianceFrameworks.Soc2, MatrixMode.Domains, s.StrangerDomain, "CC6.7", CancellationToken.None)));
    }

    [Fact]
    public async Task Csv_HasEveryColumnAndTheFailingRow_AndNoOtherOrganizationsDomain()
    {
        var s = await SeedAsync();

        var text = await AsAsync(s.Owner, async q =>
        {
            await using var writer = new StringWriter();
            await ComplianceCsv.WriteAsync(writer, ComplianceFrameworks.Soc2, MatrixMode.Domains,
                q.StreamColumnsAsync(new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Domains, PageSize: 1), CancellationToken.None), CancellationToken.None);
            return writer.ToString();
        });

        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 + 5, lines.Length);
        Assert.Equal("Control,Title,Strength,now-bad.acme.test (Acme),beta.test (Beta),never.acme.test (Acme),old-bad.acme.test (Acme)", lines[0]);
        Assert.StartsWith("Last scan,,,", lines[1]);
        Assert.Equal("never", lines[1].Split(',')[5]);
        Assert.Equal("CC6.7,Data protected while in transmission,direct,fail,pass,not_assessed,pass", lines[4]);
        Assert.DoesNotContain("stranger", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    public void Field_QuotesAndDefusesFormulas(string value, string expected) => Assert.Equal(expected, ComplianceCsv.Field(value));

    [Fact]
    public async Task ClientOverview_DomainsTrendAndSummary_ForTheOwnOrganizationOnly()
    {
        var s = await SeedAsync();
        await using var scope = app.ScopeFor(s.Owner);
        var overview = scope.ServiceProvider.GetRequiredService<ClientOverviewQueries>();

        var domains = await overview.ListDomainsAsync(s.Acme, ClientDomainSort.Name, false, 0, 2, CancellationToken.None);
        Assert.Equal(3, domains.TotalCount);
        Assert.Equal(["never.acme.test", "now-bad.acme.test"], domains.Items.Select(d => d.Name));
        Assert.Null(domains.Items[0].Grade);
        Assert.Null(domains.Items[0].LastScanAt);
        Assert.NotNull(domains.Items[1].Grade);
        var worst = await overview.ListDomainsAsync(s.Acme, ClientDomainSort.Score, false, 0, 10, CancellationToken.None);
        Assert.Equal("now-bad.acme.test", worst.Items[0].Name);

        // Three days with scans of both scanned domains: one of them failed on the first and the last day, neither in between.
        var trend = await overview.GetTrendAsync(s.Acme, CancellationToken.None);
        Assert.Equal(3, trend.Count);
        Assert.All(trend, p => Assert.Equal(2, p.Domains));
        Assert.Equal(100, trend[1].AverageScore);
        Assert.True(trend[2].AverageScore < 100, string.Join(",", trend.Select(p => p.AverageScore)));
        Assert.Equal(trend[0].AverageScore, trend[2].AverageScore);
        Assert.True(trend[0].Day < trend[1].Day);

        var summary = await overview.GetComplianceSummaryAsync(s.Acme, CancellationToken.None);
        Assert.Equal(ComplianceFrameworks.All, summary.Select(f => f.Framework));
        var soc2 = summary[0];
        Assert.Equal((3, 2, 0), (soc2.Pass, soc2.Fail, soc2.NotAssessed));

        Assert.Empty((await overview.ListDomainsAsync(s.StrangerDomain, ClientDomainSort.Name, false, 0, 10, CancellationToken.None)).Items);
        await using var strangerScope = app.ScopeFor(s.Stranger);
        var strangers = strangerScope.ServiceProvider.GetRequiredService<ClientOverviewQueries>();
        Assert.Empty((await strangers.ListDomainsAsync(s.Acme, ClientDomainSort.Name, false, 0, 10, CancellationToken.None)).Items);
        Assert.Empty(await strangers.GetTrendAsync(s.Acme, CancellationToken.None));
        Assert.All(await strangers.GetComplianceSummaryAsync(s.Acme, CancellationToken.None), f => Assert.Equal(0, f.Pass + f.Fail));
    }
}
