using Bunit;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Web.Features.Reports;

namespace ComplianceLayer.Tests.Web.Features.Reports;

public sealed class ReportViewTests
{
    [Fact]
    public async Task Render_Report_ShowsHeadlineModuleCardsIssuesCaveatsAndRecommendations()
    {
        await using var ctx = ReportTestData.NewContext();
        var report = ReportTestData.Full();

        var cut = ctx.Render<ReportView>(p => p.Add(x => x.Report, report));

        Assert.Equal(report.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=report-score]").TextContent);
        Assert.Equal(ReportJson.ValueOf(report.Grade), cut.Find("[data-testid=report-grade]").TextContent.Trim());
        Assert.Equal(ReportJson.ValueOf(report.RiskLevel).Replace('_', '-'), cut.Find("[data-testid=report-risk]").TextContent);
        Assert.Equal("2026-11-23 12:00 UTC", cut.Find("[data-testid=report-scanned-at]").TextContent);
        Assert.Contains("6 issues: 1 critical, 2 high, 1 medium, 1 low, 1 info", cut.Find("#report-headline").TextContent, StringComparison.Ordinal);

        // One card per module, heaviest first.
        var cards = cut.FindAll("[data-testid=module-card]").Select(c => c.GetAttribute("data-module")).ToList();
        Assert.Equal(report.Modules.Count, cards.Count);
        Assert.Equal([ModuleKeys.Headers, ModuleKeys.Ssl], cards.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(ModuleKeys.Ports, cards[3]);

        Assert.Equal(6, cut.FindAll("[data-testid=issue-list] [data-testid=issue]").Count);
        Assert.Equal(report.Caveats.Count, cut.FindAll("[data-testid=report-caveats] li").Count);
        Assert.NotEmpty(report.Recommendations);
        Assert.Equal(report.Recommendations, cut.FindAll("[data-testid=report-recommendations] li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_AfterHeadline_IsPlacedBetweenTheHeadlineAndTheModules()
    {
        await using var ctx = ReportTestData.NewContext();
        var cut = ctx.Render<ReportView>(p => p
            .Add(x => x.Report, ReportTestData.Report([]))
            .Add(x => x.AfterHeadline, b => b.AddMarkupContent(0, "<p id=\"slot\">changes</p>")));

        var markup = cut.Markup;
        Assert.True(markup.IndexOf("report-headline", StringComparison.Ordinal) < markup.IndexOf("id=\"slot\"", StringComparison.Ordinal));
        Assert.True(markup.IndexOf("id=\"slot\"", StringComparison.Ordinal) < markup.IndexOf("module-cards", StringComparison.Ordinal));
        Assert.Equal("No issues found.", cut.Find("[data-testid=issues-empty]").TextContent);
    }
}
