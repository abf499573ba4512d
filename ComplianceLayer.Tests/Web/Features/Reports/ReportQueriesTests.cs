using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features;
using ComplianceLayer.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Reports;

/// <summary>The report views' queries: one scan, what changed since the scan before it, and a domain's paged history.</summary>
[Trait("Category", "Integration")]
public sealed class ReportQueriesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<T> AsAsync<TService, T>(TestMember member, Func<TService, Task<T>> query)
        where TService : notnull
    {
        await using var scope = app.ScopeFor(member);
        return await query(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A domain with three completed scans (0, 1 and 2 dns_email findings), oldest first, and their job ids.</summary>
    private async Task<(Guid DomainId, List<string> JobIds)> SeedAsync(TestMember owner, string name)
    {
        var now = DateTimeOffset.UtcNow;
        var domainId = await app.SeedDomainWithScansAsync(owner.Org, name, [now.AddDays(-3), now.AddDays(-2), now.AddDays(-1)]);
        var jobIds = await app.QueryAsync(owner.Org, db => db.Scans.Where(s => s.DomainId == domainId).OrderBy(s => s.FinishedAt).Select(s => s.JobId).ToListAsync());
        return (domainId, jobIds);
    }

    [Fact]
    public async Task SincePrevious_ComparesWithTheCompletedScanBefore_FirstScanHasNone_OtherOrganizationSeesNothing()
    {
        var owner = await app.NewOwnerAsync("Diff Org");
        var (domainId, jobs) = await SeedAsync(owner, "diff.example.com");
        await app.AddScansAsync(owner.Org, domainId, 1);   // a failed scan is never the "previous" one

        var diff = await AsAsync<ReportDiffQueries, ReportDiff?>(owner, q => q.SincePreviousAsync(jobs[2], CancellationToken.None));

        Assert.NotNull(diff);
        Assert.Equal(jobs[1], diff.PreviousJobId);
        Assert.Equal(["dns.test_issue:s1"], diff.NewIssues.Select(i => i.Fingerprint));
        Assert.Empty(diff.ResolvedIssues);
        Assert.True(diff.ScoreDelta < 0, diff.ScoreDelta.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(diff.Modules.Single(m => m.Module == ModuleKeys.DnsEmail).ScoreDelta < 0);
        Assert.Equal(0, diff.Modules.Single(m => m.Module == ModuleKeys.Ssl).ScoreDelta);

        // The first scan did not test waf; the second did: waf appears with no previous score.
        var second = await AsAsync<ReportDiffQueries, ReportDiff?>(owner, q => q.SincePreviousAsync(jobs[1], CancellationToken.None));
        Assert.Equal(jobs[0], second!.PreviousJobId);
        var waf = second.Modules.Single(m => m.Module == ModuleKeys.Waf);
        Assert.Null(waf.PreviousScore);
        Assert.Equal(100, waf.CurrentScore);

        Assert.Null(await AsAsync<ReportDiffQueries, ReportDiff?>(owner, q => q.SincePreviousAsync(jobs[0], CancellationToken.None)));
        Assert.Null(await AsAsync<ReportDiffQueries, ReportDiff?>(owner, q => q.SincePreviousAsync("cl_job_unknown", CancellationToken.None)));

        var stranger = await app.NewOwnerAsync("Diff Stranger");
        Assert.Null(await AsAsync<ReportDiffQueries, ReportDiff?>(stranger, q => q.SincePreviousAsync(jobs[2], CancellationToken.None)));
    }

    [Fact]
    public async Task GetScan_CompletedHasItsReport_FailedHasItsReason_OtherOrganizationGetsNull()
    {
        var owner = await app.NewOwnerAsync("Scan View Org");
        var (domainId, jobs) = await SeedAsync(owner, "view.example.com");
        await app.AddScansAsync(owner.Org, domainId, 1);
        var failedJob = await app.QueryAsync(owner.Org, db => db.Scans.Where(s => s.DomainId == domainId && s.Status == ScanStatus.Failed).Select(s => s.JobId).SingleAsync());

        var completed = await AsAsync<ScanReportQueries, ScanReportView?>(owner, q => q.GetAsync(jobs[1], CancellationToken.None));
        Assert.NotNull(completed?.Report);
        Assert.Equal("view.example.com", completed.DomainName);
        Assert.Equal(domainId, completed.DomainId);
        Assert.Equal(ScanStatus.Completed, completed.Status);
        Assert.Single(completed.Report.Issues);

        var failed = await AsAsync<ScanReportQueries, ScanReportView?>(owner, q => q.GetAsync(failedJob, CancellationToken.None));
        Assert.Equal(ScanStatus.Failed, failed!.Status);
        Assert.Equal("test data", failed.FailureReason);
        Assert.Null(failed.Report);

        var stranger = await app.NewOwnerAsync("Scan View Stranger");
        Assert.Null(await AsAsync<ScanReportQueries, ScanReportView?>(stranger, q => q.GetAsync(jobs[1], CancellationToken.None)));
    }

    [Fact]
    public async Task History_PagesInSqlNewestFirst_WithIssueCounts_AndNeverShowsAnotherOrganizationsScans()
    {
        var owner = await app.NewOwnerAsync("History Org");
        var (domainId, jobs) = await SeedAsync(owner, "history.example.com");
        await app.AddScansAsync(owner.Org, domainId, 2);

        var first = await AsAsync<DomainHistoryQueries, ScanHistoryPage>(owner, q => q.ListAsync(domainId, 0, 2, CancellationToken.None));
        var second = await AsAsync<DomainHistoryQueries, ScanHistoryPage>(owner, q => q.ListAsync(domainId, 1, 2, CancellationToken.None));
        var third = await AsAsync<DomainHistoryQueries, ScanHistoryPage>(owner, q => q.ListAsync(domainId, 2, 2, CancellationToken.None));

        Assert.All(new[] { first, second, third }, p => Assert.Equal(5, p.Total));
        Assert.Equal([2, 2, 1], new[] { first, second, third }.Select(p => p.Items.Count));
        var all = first.Items.Concat(second.Items).Concat(third.Items).ToList();
        Assert.Equal(5, all.Select(r => r.JobId).Distinct().Count());
        // The two failed scans were queued last; then the completed ones, newest first.
        Assert.Equal([ScanStatus.Failed, ScanStatus.Failed], all.Take(2).Select(r => r.Status));
        Assert.All(all.Take(2), r => Assert.Equal("test data", r.FailureReason));
        Assert.All(all.Take(2), r => Assert.Null(r.IssueCount));
        Assert.Equal(jobs.AsEnumerable().Reverse(), all.Skip(2).Select(r => r.JobId));
        Assert.Equal([2, 1, 0], all.Skip(2).Select(r => r.IssueCount));
        Assert.All(all.Skip(2), r =>
        {
            Assert.NotNull(r.Score);
            Assert.NotNull(r.Grade);
            Assert.NotNull(r.RiskLevel);
            Assert.Equal(TimeSpan.FromMinutes(1), r.Duration);
        });

        // Another organization: nothing of this domain, and its own scans never appear in this domain's history.
        var stranger = await app.NewOwnerAsync("History Stranger");
        var strangerDomain = await app.SeedDomainWithScansAsync(stranger.Org, "history.example.com", [DateTimeOffset.UtcNow]);
        var seen = await AsAsync<DomainHistoryQueries, ScanHistoryPage>(stranger, q => q.ListAsync(domainId, 0, 100, CancellationToken.None));
        Assert.Equal(0, seen.Total);
        Assert.Empty(seen.Items);
        var own = await AsAsync<DomainHistoryQueries, ScanHistoryPage>(stranger, q => q.ListAsync(strangerDomain, 0, 100, CancellationToken.None));
        Assert.Single(own.Items);
        Assert.DoesNotContain(own.Items, r => jobs.Contains(r.JobId));
        var mine = await AsAsync<DomainHistoryQueries, ScanHistoryPage>(owner, q => q.ListAsync(strangerDomain, 0, 100, CancellationToken.None));
        Assert.Empty(mine.Items);
    }
}
