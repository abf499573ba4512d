using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Dashboard;

[Trait("Category", "Integration")]
public sealed class PortfolioQueriesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly int[] LatestScores = [80, 30, 60, 95, 50, 85];

    private async Task<PortfolioOverview> OverviewAsync(TestMember member)
    {
        await using var scope = app.ScopeFor(member);
        return await scope.ServiceProvider.GetRequiredService<PortfolioQueries>().GetAsync(CancellationToken.None);
    }

    [Fact]
    public async Task GetAsync_SeveralScansPerDomain_FindsWorstDropsGradesRunningAndAttention_OfTheOwnOrganizationOnly()
    {
        var now = DateTimeOffset.UtcNow;
        var owner = await app.NewOwnerAsync("Dashboard Org");
        var acme = await app.AddClientAsync(owner.Org, "Acme");
        var beta = await app.AddClientAsync(owner.Org, "Beta");
        await app.AddScoredDomainAsync(owner.Org, acme, "alpha.example", [(now.AddDays(-10), 90), (now.AddDays(-2), 80)]);
        var bravo = await app.AddScoredDomainAsync(owner.Org, acme, "bravo.example", [(now.AddDays(-20), 20), (now.AddDays(-9), 70), (now.AddDays(-1), 30)]);
        await app.AddScoredDomainAsync(owner.Org, beta, "charlie.example", [(now.AddDays(-5), 40), (now.AddDays(-1), 60)]);
        await app.AddScoredDomainAsync(owner.Org, beta, "delta.example", [(now.AddDays(-3), 95)]);
        await app.AddScoredDomainAsync(owner.Org, beta, "echo.example", [(now.AddDays(-60), 70), (now.AddDays(-45), 50)]);
        var foxtrot = await app.AddScoredDomainAsync(owner.Org, beta, "foxtrot.example", [], ScanStatus.Queued);
        await app.AddScansAsync(owner.Org, foxtrot, 1);   // a failed scan does not count as scanned
        await app.AddScoredDomainAsync(owner.Org, acme, "golf.example", [(now.AddDays(-1), 85)], ScanStatus.Running);
        // Another organization with a worse domain, a bigger drop, a never-scanned domain and a running scan.
        var stranger = await app.NewOwnerAsync("Other Org");
        var theirs = await app.AddClientAsync(stranger.Org, "Theirs");
        await app.AddScoredDomainAsync(stranger.Org, theirs, "zulu.example", [(now.AddDays(-3), 99), (now.AddDays(-1), 5)], ScanStatus.Running);
        await app.AddScoredDomainAsync(stranger.Org, theirs, "yankee.example", [], addedAt: now.AddYears(-1));

        var overview = await OverviewAsync(owner);

        Assert.Equal(2, overview.Counts.Clients);
        Assert.Equal(7, overview.Counts.Domains);
        Assert.Equal(2, overview.Counts.ScansActive);
        Assert.False(overview.IsEmpty);
        Assert.Equal(["bravo.example", "echo.example", "charlie.example", "alpha.example", "golf.example", "delta.example"],
            overview.Worst.Select(w => w.DomainName));
        var worst = overview.Worst[0];
        Assert.Equal((bravo, "Acme", 30, ReportJson.ValueOf(GradeBands.GradeFor(30))), (worst.DomainId, worst.ClientName, worst.Score, worst.Grade));
        Assert.Equal(ReportJson.ValueOf(GradeBands.RiskLevelFor(30)), worst.RiskLevel);
        Assert.True((now.AddDays(-1) - worst.ScannedAt).Duration() < TimeSpan.FromSeconds(1));

        // Latest minus previous completed scan; charlie rose and delta has one scan, so neither is a drop.
        Assert.Equal([("bravo.example", 70, 30, -40), ("echo.example", 70, 50, -20), ("alpha.example", 90, 80, -10)],
            overview.Drops.Select(d => (d.DomainName, d.PreviousScore, d.Score, d.Change)));

        var expectedGrades = LatestScores.GroupBy(s => ReportJson.ValueOf(GradeBands.GradeFor(s)))
            .ToDictionary(g => g.Key, g => g.Count());
        expectedGrades[""] = 1;   // foxtrot, never scanned
        Assert.Equal(expectedGrades.OrderBy(g => g.Key), overview.Grades.ToDictionary(g => g.Grade ?? "", g => g.Domains).OrderBy(g => g.Key));

        Assert.Equal([("golf.example", ScanStatus.Running), ("foxtrot.example", ScanStatus.Queued)],
            overview.Active.Select(a => (a.DomainName, a.Status)));
        Assert.Equal(1, overview.Attention.NeverScanned.Total);
        Assert.Equal(foxtrot, Assert.Single(overview.Attention.NeverScanned.First).DomainId);
        Assert.Equal(1, overview.Attention.Stale.Total);
        var stale = Assert.Single(overview.Attention.Stale.First);
        Assert.Equal("echo.example", stale.DomainName);
        Assert.True((now.AddDays(-45) - stale.LastScannedAt!.Value).Duration() < TimeSpan.FromSeconds(1));

        string[] foreign = ["zulu.example", "yankee.example"];
        var shown = overview.Worst.Select(w => w.DomainName).Concat(overview.Drops.Select(d => d.DomainName))
            .Concat(overview.Active.Select(a => a.DomainName)).Concat(overview.Attention.NeverScanned.First.Select(a => a.DomainName))
            .Concat(overview.Attention.Stale.First.Select(a => a.DomainName)).ToList();
        Assert.DoesNotContain(shown, foreign.Contains);

        // The other organization sees its own portfolio only.
        var theirView = await OverviewAsync(stranger);
        Assert.Equal("zulu.example", Assert.Single(theirView.Worst).DomainName);
        Assert.Equal(-94, Assert.Single(theirView.Drops).Change);
        Assert.Equal("yankee.example", Assert.Single(theirView.Attention.NeverScanned.First).DomainName);
        Assert.Equal((1, 2, 1), (theirView.Counts.Clients, theirView.Counts.Domains, theirView.Counts.ScansActive));
    }

    [Fact]
    public async Task GetAsync_ManyNeverScannedDomains_CountsAllAndListsTheTenOldestFirst()
    {
        var owner = await app.NewOwnerAsync("Many Org");
        var client = await app.AddClientAsync(owner.Org, "Many");
        var start = DateTimeOffset.UtcNow.AddDays(-100);
        for (var i = 0; i < 12; i++)
        {
            // Added in reverse name order, so that "oldest first" differs from "by name".
            await app.AddScoredDomainAsync(owner.Org, client, $"n{i:00}.example", [], addedAt: start.AddDays(-i));
        }

        var overview = await OverviewAsync(owner);

        Assert.Equal(12, overview.Attention.NeverScanned.Total);
        Assert.Equal(Enumerable.Range(2, 10).Reverse().Select(i => $"n{i:00}.example"), overview.Attention.NeverScanned.First.Select(r => r.DomainName));
        Assert.Equal(0, overview.Attention.Stale.Total);
        Assert.Empty(overview.Worst);
        Assert.Equal(12, Assert.Single(overview.Grades).Domains);
    }

    [Fact]
    public async Task GetAsync_ScansThisMonth_CountsFromTheMonthStartInTheOrganizationsTimeZone()
    {
        var owner = await app.NewOwnerAsync("Far East Org");
        // UTC+14: its month starts 14 hours before the UTC month.
        const string zone = "Pacific/Kiritimati";
        await app.QueryAsync(owner.Org, db => db.Organizations.Where(o => o.Id == owner.Org)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.TimeZone, zone)));
        var monthStart = PortfolioPeriod.MonthStart(DateTimeOffset.UtcNow, zone);
        var client = await app.AddClientAsync(owner.Org, "Zone");
        await app.AddScoredDomainAsync(owner.Org, client, "before.example", [(monthStart.AddMinutes(1), 80)]);   // queued 1 minute before
        await app.AddScoredDomainAsync(owner.Org, client, "after.example", [(monthStart.AddMinutes(3), 80)]);    // queued 1 minute after

        var overview = await OverviewAsync(owner);

        Assert.Equal(1, overview.Counts.ScansThisMonth);
    }

    [Fact]
    public async Task GetAsync_NoMembership_IsDenied()
    {
        var loner = await app.CreateUserAsync($"loner-{Guid.NewGuid():N}@test.example");
        await Assert.ThrowsAsync<ComplianceLayer.Web.Infrastructure.Tenancy.AccessDeniedException>(() => OverviewAsync(loner));
    }

    [Theory]
    [InlineData("2026-03-01T03:00:00Z", "America/New_York", "2026-02-01T05:00:00Z")]
    [InlineData("2026-02-28T23:30:00Z", "Europe/Berlin", "2026-02-28T23:00:00Z")]
    [InlineData("2026-02-28T23:30:00Z", "Not/AZone", "2026-02-01T00:00:00Z")]
    [InlineData("2026-07-15T12:00:00Z", null, "2026-07-01T00:00:00Z")]
    public void MonthStart_UsesTheCalendarOfTheTimeZone(string now, string? zone, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            PortfolioPeriod.MonthStart(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), zone));
}
