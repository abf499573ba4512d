using System.Text.Json.Nodes;
using Bunit;
using ComplianceLayer.Web.Components.Charts;

namespace ComplianceLayer.Tests.Web.Components;

public sealed class ApexChartTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static List<ChartSeries> TwoSeries(int points) =>
    [
        new("Overall", Enumerable.Range(0, points).Select(i => new ChartPoint(Day0.AddDays(i), 60 + i)).ToList()),
        new("dns", Enumerable.Range(0, points).Select(i => new ChartPoint(Day0.AddDays(i), i == 0 ? null : 90)).ToList()),
    ];

    private static (BunitContext Ctx, BunitJSModuleInterop Module) NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Strict;
        var module = ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        module.SetupVoid("destroy", _ => true).SetVoidResult();
        return (ctx, module);
    }

    private static JsonObject OptionsOf(JSRuntimeInvocation invocation) => Assert.IsType<JsonObject>(invocation.Arguments[1]);

    [Fact]
    public async Task Chart_RendersLabelledElement_AndPassesTheSeriesToApexCharts()
    {
        var (ctx, module) = NewContext();
        await using var _ = ctx;
        var cut = ctx.Render<ApexChart>(p => p
            .Add(c => c.Id, "trend")
            .Add(c => c.AriaLabel, "Score trend")
            .Add(c => c.Series, TwoSeries(3))
            .Add(c => c.YMin, 0)
            .Add(c => c.YMax, 100));

        var element = cut.Find("#trend");
        Assert.Equal("Score trend", element.GetAttribute("aria-label"));
        // Screen-reader table: a header per series, a row per date.
        Assert.Equal(3, cut.FindAll("[data-testid=chart-data] tbody tr").Count);
        Assert.Contains("Overall", cut.Find("[data-testid=chart-data] thead").TextContent, StringComparison.Ordinal);

        var render = Assert.Single(module.Invocations["render"]);
        var options = OptionsOf(render);
        Assert.Equal("line", options["chart"]!["type"]!.GetValue<string>());
        Assert.False(options["chart"]!["animations"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("datetime", options["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal(0, options["yaxis"]!["min"]!.GetValue<double>());
        Assert.Equal(100, options["yaxis"]!["max"]!.GetValue<double>());
        var series = options["series"]!.AsArray();
        Assert.Equal(["Overall", "dns"], series.Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(series, s => Assert.Equal(3, s!["data"]!.AsArray().Count));
        var first = series[0]!["data"]![0]!;
        Assert.Equal(Day0.ToUnixTimeMilliseconds(), first["x"]!.GetValue<long>());
        Assert.Equal(60, first["y"]!.GetValue<double>());
        Assert.Null(series[1]!["data"]![0]!["y"]);
    }

    [Fact]
    public async Task Chart_RendersAgainOnlyWhenTheDataChanges_AndIsDestroyedOnDispose()
    {
        var (ctx, module) = NewContext();
        await using var _ = ctx;
        var cut = ctx.Render<ApexChart>(p => p
            .Add(c => c.Id, "trend")
            .Add(c => c.AriaLabel, "Score trend")
            .Add(c => c.Series, TwoSeries(2)));
        Assert.Single(module.Invocations["render"]);

        // The same data again (a parent re-render): no redraw.
        cut.Render(p => p.Add(c => c.Series, TwoSeries(2)));
        Assert.Single(module.Invocations["render"]);

        cut.Render(p => p.Add(c => c.Series, TwoSeries(4)));
        Assert.Equal(2, module.Invocations["render"].Count);
        var series = OptionsOf(module.Invocations["render"][1])["series"]!.AsArray();
        Assert.All(series, s => Assert.Equal(4, s!["data"]!.AsArray().Count));
        Assert.Equal(4, cut.FindAll("[data-testid=chart-data] tbody tr").Count);

        await cut.Instance.DisposeAsync();
        var destroy = Assert.Single(module.Invocations["destroy"]);
        Assert.Equal(module.Invocations["render"][0].Arguments[0], destroy.Arguments[0]);
    }

    [Fact]
    public void Chart_BarAndDonutOptions_UseTheCategories()
    {
        var counts = new List<ChartSeries> { new("Domains", [new(Day0, 4), new(Day0, 7)]) };
        var bar = ApexChart.BuildOptions(ChartKind.Bar, counts, ["A", "F"], 250, "Grades", null, null);
        Assert.Equal("bar", bar["chart"]!["type"]!.GetValue<string>());
        Assert.Equal(["A", "F"], bar["xaxis"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal([4.0, 7.0], bar["series"]![0]!["data"]!.AsArray().Select(v => v!.GetValue<double>()));

        var donut = ApexChart.BuildOptions(ChartKind.Donut, counts, ["A", "F"], 250, "Grades", null, null);
        Assert.Equal([4.0, 7.0], donut["series"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(["A", "F"], donut["labels"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(0, 1)]
    [InlineData(900, 5)]
    public void Chart_BarOfCounts_HasWholeNumberTicks(double highest, int ticks)
    {
        var counts = new[] { new ChartSeries("Domains", [new ChartPoint(default, 1), new ChartPoint(default, highest)]) };

        var yaxis = ApexChart.BuildOptions(ChartKind.Bar, counts, ["A", "F"], 250, null, null, null)["yaxis"]!;

        Assert.Equal(ticks, yaxis["tickAmount"]!.GetValue<int>());
        Assert.Equal(0, yaxis["min"]!.GetValue<double>());
    }

    [Fact]
    public void Chart_Colours_ReplaceThePalette_AndColourEachBarOfASingleSeries()
    {
        var counts = new List<ChartSeries> { new("Domains", [new(Day0, 4), new(Day0, 7)]) };
        var plain = ApexChart.BuildOptions(ChartKind.Bar, counts, ["A", "F"], 250, null, null, null);
        Assert.Equal(ApexChart.Palette, plain["colors"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(plain["plotOptions"]);

        var coloured = ApexChart.BuildOptions(ChartKind.Bar, counts, ["A", "F"], 250, null, null, null, ["#00ff00", "#ff0000"]);
        Assert.Equal(["#00ff00", "#ff0000"], coloured["colors"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.True(coloured["plotOptions"]!["bar"]!["distributed"]!.GetValue<bool>());
        Assert.False(coloured["legend"]!["show"]!.GetValue<bool>());

        var line = ApexChart.BuildOptions(ChartKind.Line, TwoSeries(2), null, 250, null, null, null, ["#111111", "#222222"]);
        Assert.Equal(["#111111", "#222222"], line["colors"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(line["plotOptions"]);
    }
}
