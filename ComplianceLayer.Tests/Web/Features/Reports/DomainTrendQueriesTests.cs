using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Reports;

[Trait("Category", "Integration")]
public sealed class DomainTrendQueriesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<DomainTrend> TrendAsync(TestMember member, Guid domainId, int max = DomainTrendQueries.MaxPoints, DateTimeOffset? from = null)
    {
        await using var scope = app.ScopeFor(member);
        return await scope.ServiceProvider.GetRequiredService<DomainTrendQueries>().GetAsync(domainId, from, null, max, CancellationToken.None);
    }

    [Fact]
    public async Task Trend_ReadsOverallAndModuleScoresFromTheReports_OldestFirst_WithinRangeAndLimit_ForTheOwnOrganizationOnly()
    {
        var now = DateTimeOffset.UtcNow;
        var owner = await app.NewOwnerAsync("Trend Org");
        var finished = new[] { now.AddDays(-120), now.AddDays(-20), now.AddDays(-10), now.AddDays(-1) };
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, "trend.example.com", finished);
        await app.AddScansAsync(owner.Org, domainId, 2);   // failed scans are not on the trend

        var trend = await TrendAsync(owner, domainId);

        // The 120-day-old scan is outside the default 90 days.
        Assert.Equal(3, trend.Points.Count);
        Assert.Equal(finished[1..].Select(f => f.ToUnixTimeMilliseconds() / 1000), trend.Points.Select(p => p.FinishedAt.ToUnixTimeMilliseconds() / 1000));
        Assert.Contains(ModuleKeys.DnsEmail, trend.Modules);
        Assert.Contains(ModuleKeys.Ssl, trend.Modules);
        Assert.All(trend.Points, p => Assert.Equal(100, p.ModuleScores[ModuleKeys.Ssl]));
        // One more dns_email finding per scan: its module score and the overall score fall.
        var dns = trend.Points.Select(p => p.ModuleScores[ModuleKeys.DnsEmail]!.Value).ToList();
        Assert.True(dns[0] > dns[1] && dns[1] > dns[2], string.Join(",", dns));
        Assert.True(trend.Points[0].Score > trend.Points[2].Score);
        // Reports of modules that were not tested have no score.
        var allFour = await TrendAsync(owner, domainId, from: now.AddDays(-200));
        Assert.Null(allFour.Points[0].ModuleScores[ModuleKeys.Waf]);
        Assert.Equal(100, allFour.Points[1].ModuleScores[ModuleKeys.Waf]);

        var limited = await TrendAsync(owner, domainId, max: 2);
        Assert.Equal(trend.Points.Skip(1).Select(p => p.FinishedAt), limited.Points.Select(p => p.FinishedAt));

        Assert.Equal(4, allFour.Points.Count);

        var stranger = await app.NewOwnerAsync("Other Org");
        Assert.Empty((await TrendAsync(stranger, domainId)).Points);
    }
}
