using Bunit;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Web.Features.Reports;

namespace ComplianceLayer.Tests.Web.Features.Reports;

public sealed class WhatChangedPanelTests
{
    private static ReportDiff Diff()
    {
        var before = ReportTestData.Report([ReportTestData.Tls10, ReportTestData.NoHsts], "cl_rpt_before0000000001", ReportTestData.ScannedAt.AddDays(-7));
        var after = ReportTestData.Report([ReportTestData.NoHsts, ReportTestData.Rdp, ReportTestData.Dmarc]);
        return ReportDiff.Between("cl_job_before", before, after);
    }

    [Fact]
    public void Between_TwoReports_FindsNewAndResolvedByFingerprint_AndTheDeltas()
    {
        var diff = Diff();
        Assert.Equal(["ports.exposed.rdp:3389", "email.dmarc.missing"], diff.NewIssues.Select(i => i.Fingerprint));
        Assert.Equal(["ssl.protocol.tls10_enabled"], diff.ResolvedIssues.Select(i => i.Fingerprint));
        Assert.True(diff.ScoreDelta < 0);
        var ssl = diff.Modules.Single(m => m.Module == ModuleKeys.Ssl);
        Assert.True(ssl.ScoreDelta > 0);
        Assert.False(diff.Modules.Single(m => m.Module == ModuleKeys.Headers).Changed);
        // Heaviest modules first, then by key.
        Assert.Equal([ModuleKeys.Headers, ModuleKeys.Ssl, ModuleKeys.DnsEmail, ModuleKeys.Ports], diff.Modules.Take(4).Select(m => m.Module));
    }

    [Fact]
    public async Task Render_Diff_ShowsScoreAndGradeChange_ChangedModules_AndNewAndResolvedFindings()
    {
        await using var ctx = ReportTestData.NewContext();
        var diff = Diff();

        var cut = ctx.Render<WhatChangedPanel>(p => p.Add(x => x.Diff, diff));

        Assert.Equal(diff.ScoreDelta.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=score-delta]").GetAttribute("data-delta"));
        Assert.Contains($"Score {diff.PreviousScore} → {diff.CurrentScore}", cut.Find("[data-testid=score-delta]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"−{-diff.ScoreDelta}", cut.Find("[data-testid=score-delta]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2 new · 1 resolved", cut.Find("[data-testid=finding-counts]").TextContent);
        Assert.Equal(["ports.exposed.rdp:3389", "email.dmarc.missing"],
            cut.FindAll("#new-findings [data-testid=delta-issue]").Select(i => i.GetAttribute("data-fingerprint")));
        Assert.Equal(["ssl.protocol.tls10_enabled"], cut.FindAll("#resolved-findings [data-testid=delta-issue]").Select(i => i.GetAttribute("data-fingerprint")));
        // Only the modules that moved: ssl (resolved), ports and dns_email (new); headers kept its one issue.
        Assert.Equal([ModuleKeys.Ssl, ModuleKeys.DnsEmail, ModuleKeys.Ports],
            cut.FindAll("[data-testid=module-delta]").Select(r => r.GetAttribute("data-module")));
        Assert.Equal("scans/cl_job_before/report", cut.Find("[data-testid=what-changed-previous]").GetAttribute("href"));
        Assert.Equal("what-changed-heading", cut.Find("#what-changed").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public async Task Render_NoPreviousScan_ShowsTheFirstScanState()
    {
        await using var ctx = ReportTestData.NewContext();
        var cut = ctx.Render<WhatChangedPanel>(p => p.Add(x => x.Diff, null));
        Assert.Contains("first completed scan", cut.Find("[data-testid=what-changed-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=delta-issue]"));
    }
}
