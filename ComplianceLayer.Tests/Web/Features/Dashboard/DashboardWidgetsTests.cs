using System.Text.Json.Nodes;
using Bunit;
using ComplianceLayer.Web.Components.Charts;
using ComplianceLayer.Web.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ComplianceLayer.Tests.Web.Features.Dashboard;

public sealed class DashboardWidgetsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    private static DomainScoreRow Worst(string name, int score, string grade) => new()
    {
        DomainId = Guid.NewGuid(), DomainName = name, ClientName = "Acme", Score = score, Grade = grade, RiskLevel = "low_medium",
        ScannedAt = Now.AddDays(-2),
    };

    [Fact]
    public async Task WorstDomains_ListsEachDomainWithLinkScoreGradeAndAge_OrShowsTheEmptyState()
    {
        await using var ctx = NewContext();
        var rows = new[] { Worst("bad.example", 12, "F"), Worst("meh.example", 71, "C") };

        var cut = ctx.Render<WorstDomainsCard>(p => p.Add(c => c.Rows, rows).Add(c => c.Now, Now));

        var trs = cut.FindAll("[data-testid=worst-row]");
        Assert.Equal(["bad.example", "meh.example"], trs.Select(r => r.GetAttribute("data-domain")));
        Assert.Equal($"domains/{rows[0].DomainId}", trs[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("12", trs[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Grade F", trs[0].QuerySelector("[aria-label^=Grade]")!.GetAttribute("aria-label"));
        Assert.Contains("low–medium", trs[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2 d ago", trs[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(5, cut.FindAll("th[scope=col]").Count);

        var empty = ctx.Render<WorstDomainsCard>(p => p.Add(c => c.Rows, []).Add(c => c.Now, Now));
        Assert.Single(empty.FindAll("[data-testid=worst-empty]"));
        Assert.Empty(empty.FindAll("table"));
    }

    [Fact]
    public async Task ScoreDrops_ShowsTheChangeAndBothScores()
    {
        await using var ctx = NewContext();
        var drop = new ScoreDropRow
        {
            DomainId = Guid.NewGuid(), DomainName = "fell.example", ClientName = "Acme", PreviousScore = 88, PreviousGrade = "B",
            Score = 48, Grade = "F", ScannedAt = Now.AddHours(-3),
        };

        var cut = ctx.Render<ScoreDropsCard>(p => p.Add(c => c.Rows, [drop]).Add(c => c.Now, Now));

        var row = cut.Find("[data-testid=drop-row]");
        Assert.Equal("fell.example", row.GetAttribute("data-domain"));
        Assert.Contains("−40", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("[aria-label='40 points lower']"));
        Assert.Contains("88", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 h ago", row.TextContent, StringComparison.Ordinal);

        var empty = ctx.Render<ScoreDropsCard>(p => p.Add(c => c.Rows, []).Add(c => c.Now, Now));
        Assert.Single(empty.FindAll("[data-testid=drops-empty]"));
    }

    [Fact]
    public async Task GradeDistribution_DrawsOneColouredBarPerGradeAndNeverScanned_WithCountsForScreenReaders()
    {
        await using var ctx = NewContext();
        var module = ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        GradeCount[] grades = [new() { Grade = "A", Domains = 4 }, new() { Grade = "F", Domains = 2 }, new() { Grade = null, Domains = 3 }];

        var cut = ctx.Render<GradeDistributionCard>(p => p.Add(c => c.Grades, grades));

        var options = Assert.IsType<JsonObject>(Assert.Single(module.Invocations["render"]).Arguments[1]);
        Assert.Equal("bar", options["chart"]!["type"]!.GetValue<string>());
        Assert.Equal(["A", "B", "C", "D", "F", DashboardFormat.NeverScannedLabel],
            options["xaxis"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal([4.0, 0, 0, 0, 2, 3], options["series"]![0]!["data"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.True(options["plotOptions"]!["bar"]!["distributed"]!.GetValue<bool>());
        Assert.Equal(DashboardFormat.GradeBands.Select(b => b.Hex), options["colors"]!.AsArray().Select(c => c!.GetValue<string>()));
        // The chart's table alternative: one row per category.
        var rows = cut.FindAll("[data-testid=chart-data] tbody tr");
        Assert.Equal(6, rows.Count);
        Assert.Contains("3", rows[5].TextContent, StringComparison.Ordinal);
        Assert.Equal("Number of domains per grade of their latest scan", cut.Find("#grade-chart").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task NeedsAttention_ListsNeverScannedAndStaleDomains_WithTotals_OrSaysAllIsWell()
    {
        await using var ctx = NewContext();
        AttentionRow Row(string name, DateTimeOffset? last) => new()
        {
            DomainId = Guid.NewGuid(), DomainName = name, ClientName = "Acme", AddedAt = Now.AddDays(-90), LastScannedAt = last,
        };
        var attention = new NeedsAttention(new AttentionList(14, [Row("new.example", null)]), new AttentionList(1, [Row("old.example", Now.AddDays(-40))]), 30);

        var cut = ctx.Render<NeedsAttentionCard>(p => p.Add(c => c.Attention, attention).Add(c => c.Now, Now));

        Assert.Equal("14", cut.Find("[data-testid=never-scanned-count]").TextContent.Trim());
        Assert.Equal("1", cut.Find("[data-testid=stale-count]").TextContent.Trim());
        Assert.Contains("added 90 d ago", cut.Find("[data-testid=never-scanned-row]").TextContent, StringComparison.Ordinal);
        Assert.Contains("last scanned 40 d ago", cut.Find("[data-testid=stale-row]").TextContent, StringComparison.Ordinal);
        Assert.Contains("and 13 more", cut.Find("[data-testid=never-scanned]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("more", cut.Find("[data-testid=stale]").TextContent, StringComparison.Ordinal);

        var fine = ctx.Render<NeedsAttentionCard>(p => p
            .Add(c => c.Attention, new NeedsAttention(AttentionList.Empty, AttentionList.Empty, 30)).Add(c => c.Now, Now));
        Assert.Contains("last 30 days", fine.Find("[data-testid=attention-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActiveScans_ShowsStatusAndHowManyMore_OrTheEmptyState()
    {
        await using var ctx = NewContext();
        var running = new ActiveScanRow
        {
            ScanId = Guid.NewGuid(), DomainId = Guid.NewGuid(), DomainName = "busy.example", ClientName = "Acme", StatusName = "Running",
            Since = Now.AddMinutes(-5),
        };

        var cut = ctx.Render<ActiveScansCard>(p => p.Add(c => c.Rows, [running]).Add(c => c.Total, 3).Add(c => c.Now, Now));

        var row = cut.Find("[data-testid=active-row]");
        Assert.Equal("running", row.GetAttribute("data-status"));
        Assert.Equal("running", row.QuerySelector("[data-testid=scan-status]")!.TextContent.Trim());
        Assert.Contains("5 min ago", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("and 2 more", cut.Find("[data-testid=active-more]").TextContent.Trim());

        var idle = ctx.Render<ActiveScansCard>(p => p.Add(c => c.Rows, []).Add(c => c.Now, Now));
        Assert.Single(idle.FindAll("[data-testid=active-empty]"));
    }
}
