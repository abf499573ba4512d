using Bunit;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Web.Components.Charts;
using ComplianceLayer.Web.Features.Reports;
using MudBlazor.Services;

namespace ComplianceLayer.Tests.Web.Features.Reports;

public sealed class ScoreTrendPanelTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static DomainTrend Trend() => new(
    [
        new DomainTrendPoint(Day0, 80, new Dictionary<string, int?> { [ModuleKeys.Ssl] = 90, [ModuleKeys.Waf] = null }),
        new DomainTrendPoint(Day0.AddDays(7), 70, new Dictionary<string, int?> { [ModuleKeys.Ssl] = 60, [ModuleKeys.Waf] = 100 }),
        new DomainTrendPoint(Day0.AddDays(14), 75, new Dictionary<string, int?> { [ModuleKeys.Ssl] = 65 }),
    ], [ModuleKeys.Ssl, ModuleKeys.Waf]);

    [Fact]
    public void Series_FromTrend_OverallThenOneSeriesPerModule_OnePointPerScan()
    {
        var series = ScoreTrendPanel.Series(Trend());

        Assert.Equal(["Overall", ScoringPolicy.Module(ModuleKeys.Ssl).Name, ScoringPolicy.Module(ModuleKeys.Waf).Name], series.Select(s => s.Name));
        Assert.All(series, s => Assert.Equal([Day0, Day0.AddDays(7), Day0.AddDays(14)], s.Points.Select(p => p.X)));
        Assert.Equal([80.0, 70.0, 75.0], series[0].Points.Select(p => p.Y));
        Assert.Equal([90.0, 60.0, 65.0], series[1].Points.Select(p => p.Y));
        // Not scored (or not in that report): a gap, not a zero.
        Assert.Equal([null, 100.0, null], series[2].Points.Select(p => p.Y));
    }

    [Fact]
    public async Task Render_Trend_PassesTheSeriesFromTheDataToTheChart()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;
        ctx.Services.AddMudServices();
        var module = ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        module.SetupVoid("destroy", _ => true).SetVoidResult();

        var cut = ctx.Render<ScoreTrendPanel>(p => p.Add(x => x.Trend, Trend()).Add(x => x.DomainName, "example.com"));

        var options = Assert.IsType<System.Text.Json.Nodes.JsonObject>(Assert.Single(module.Invocations["render"]).Arguments[1]);
        var series = options["series"]!.AsArray();
        Assert.Equal(["Overall", ScoringPolicy.Module(ModuleKeys.Ssl).Name, ScoringPolicy.Module(ModuleKeys.Waf).Name],
            series.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal([80.0, 70.0, 75.0], series[0]!["data"]!.AsArray().Select(p => p!["y"]!.GetValue<double>()));
        Assert.Equal(Day0.AddDays(7).ToUnixTimeMilliseconds(), series[1]!["data"]![1]!["x"]!.GetValue<long>());
        Assert.StartsWith("Score trend of example.com", cut.Find("#domain-trend-chart").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll("[data-testid=chart-data] tbody tr").Count);
    }

    [Fact]
    public async Task Render_OneScan_ShowsTheEmptyStateInsteadOfAChart()
    {
        await using var ctx = ReportTestData.NewContext();
        var one = new DomainTrend([Trend().Points[0]], [ModuleKeys.Ssl]);
        var cut = ctx.Render<ScoreTrendPanel>(p => p.Add(x => x.Trend, one).Add(x => x.DomainName, "example.com"));
        Assert.Equal("Scan at least twice to see a trend", cut.Find("#trend-empty").TextContent);
        Assert.Empty(cut.FindAll("#domain-trend-chart"));
    }
}
