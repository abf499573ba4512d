using Bunit;
using ComplianceLayer.Web.Features.Reports;

namespace ComplianceLayer.Tests.Web.Features.Reports;

public sealed class IssueListTests
{
    [Fact]
    public async Task Render_Issues_SortedBySeverityThenModuleThenCode_WithDetailEvidenceAndRemediation()
    {
        await using var ctx = ReportTestData.NewContext();
        var report = ReportTestData.Full();
        // Handed over in the reverse order: the list sorts them itself.
        var cut = ctx.Render<IssueList>(p => p.Add(x => x.Issues, report.Issues.Reverse().ToList()));

        var issues = cut.FindAll("[data-testid=issue]");
        Assert.Equal(["critical", "high", "high", "medium", "low", "info"], issues.Select(i => i.GetAttribute("data-severity")));
        // Two high issues: dns_email before ssl.
        Assert.Equal(["ports.exposed.rdp", "email.dmarc.missing", "ssl.protocol.tls10_enabled", "headers.hsts.missing", "headers.csp.missing",
            "email.spf.softfail"], issues.Select(i => i.GetAttribute("data-code")));

        var tls = cut.Find("[data-code='ssl.protocol.tls10_enabled']");
        Assert.Equal("TLS 1.0 is accepted", tls.QuerySelector("[data-testid=issue-finding]")!.TextContent);
        Assert.Equal("Old clients only.", tls.QuerySelector("[data-testid=issue-detail]")!.TextContent);
        var evidence = tls.QuerySelector("[data-testid=issue-evidence]")!;
        Assert.Equal("PRE", evidence.TagName);
        Assert.Equal(ReportTestData.Tls10.Evidence, evidence.TextContent);
        Assert.Contains("Disable TLS 1.0 and 1.1; keep TLS 1.2 and 1.3.", tls.QuerySelector("[data-testid=issue-remediation]")!.TextContent, StringComparison.Ordinal);
        // The fingerprint shows where it differs from the code.
        Assert.Null(tls.QuerySelector("[data-testid=issue-fingerprint]"));
        Assert.Equal("ports.exposed.rdp:3389", cut.Find("[data-code='ports.exposed.rdp'] [data-testid=issue-fingerprint]").TextContent);
        Assert.Equal("Issues (6)", cut.Find("#issues-heading").TextContent);
    }

    [Fact]
    public async Task SeverityFilter_ShowsCounts_FiltersByTheChosenSeverities_AndClears()
    {
        await using var ctx = ReportTestData.NewContext();
        var cut = ctx.Render<IssueList>(p => p.Add(x => x.Issues, ReportTestData.Full().Issues));

        var chips = cut.FindAll("[data-testid=severity-chip]");
        Assert.Equal(["critical (1)", "high (2)", "medium (1)", "low (1)", "info (1)"], chips.Select(c => c.TextContent.Trim()));
        Assert.All(chips, c => Assert.Equal("BUTTON", c.TagName));
        Assert.All(chips, c => Assert.Equal("false", c.GetAttribute("aria-pressed")));
        Assert.Equal("Filter issues by severity", cut.Find("[data-testid=severity-filter]").GetAttribute("aria-label"));

        cut.Find("[data-testid=severity-chip][data-severity=high]").Click();
        Assert.Equal(["high", "high"], cut.FindAll("[data-testid=issue]").Select(i => i.GetAttribute("data-severity")));
        Assert.Equal("true", cut.Find("[data-testid=severity-chip][data-severity=high]").GetAttribute("aria-pressed"));
        Assert.Equal("Showing 2 of 6", cut.Find("[data-testid=issue-count]").TextContent);

        cut.Find("[data-testid=severity-chip][data-severity=critical]").Click();
        Assert.Equal(["critical", "high", "high"], cut.FindAll("[data-testid=issue]").Select(i => i.GetAttribute("data-severity")));

        cut.Find("[data-testid=severity-chip][data-severity=high]").Click();
        Assert.Equal(["critical"], cut.FindAll("[data-testid=issue]").Select(i => i.GetAttribute("data-severity")));

        cut.Find("[data-testid=severity-clear]").Click();
        Assert.Equal(6, cut.FindAll("[data-testid=issue]").Count);
    }

    [Fact]
    public async Task Render_NoIssues_ShowsTheEmptyState()
    {
        await using var ctx = ReportTestData.NewContext();
        var cut = ctx.Render<IssueList>(p => p.Add(x => x.Issues, []));
        Assert.Equal("No issues found.", cut.Find("[data-testid=issues-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=severity-chip]"));
    }
}
