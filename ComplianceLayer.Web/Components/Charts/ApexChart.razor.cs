using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ComplianceLayer.Web.Components.Charts;

/// <summary>
/// An ApexCharts chart (the <c>window.ApexCharts</c> global loaded by App.razor) driven through <c>js/apexInterop.js</c>.
/// The typed parameters become ApexCharts options; the chart is redrawn when they change and destroyed with the component.
/// A visually-hidden table carries the same data for screen readers.
/// </summary>
public sealed partial class ApexChart : IAsyncDisposable
{
    public const string ModulePath = "./js/apexInterop.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private JsonObject _options = new();
    private string? _renderedOptions;
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The id of the chart element.</summary>
    [Parameter, EditorRequired] public string Id { get; set; } = "";

    /// <summary>What the chart shows, for screen readers (also the caption of the fallback table).</summary>
    [Parameter, EditorRequired] public string AriaLabel { get; set; } = "";

    [Parameter] public ChartKind Kind { get; set; } = ChartKind.Line;

    [Parameter] public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    /// <summary>Category labels of bar and donut charts (one per point).</summary>
    [Parameter] public IReadOnlyList<string>? Categories { get; set; }

    [Parameter] public int Height { get; set; } = 300;

    [Parameter] public string? Title { get; set; }

    [Parameter] public double? YMin { get; set; }

    [Parameter] public double? YMax { get; set; }

    /// <summary>
    /// Colours (CSS hex) instead of <see cref="Palette"/>: one per series for line charts, one per category for bar charts
    /// (each bar of a single series gets its own colour, and the redundant legend is hidden) and per slice for donuts.
    /// </summary>
    [Parameter] public IReadOnlyList<string>? Colors { get; set; }

    protected override void OnParametersSet() => _options = BuildOptions(Kind, Series, Categories, Height, Title, YMin, YMax, Colors);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var json = _options.ToJsonString();
        if (_disposed || json == _renderedOptions)
        {
            return;
        }
        _renderedOptions = json;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await _module.InvokeVoidAsync("render", _element, _options);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is null)
        {
            return;
        }
        try
        {
            await _module.InvokeVoidAsync("destroy", _element);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
        _module = null;
    }

    /// <summary>Ten distinguishable colours (ApexCharts' default palette repeats after five).</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#3f51b5", "#26a69a", "#ff9800", "#e91e63", "#8e24aa", "#43a047", "#00acc1", "#795548", "#fdd835", "#546e7a"];

    /// <summary>The ApexCharts options for the typed parameters.</summary>
    public static JsonObject BuildOptions(ChartKind kind, IReadOnlyList<ChartSeries> series, IReadOnlyList<string>? categories,
        int height, string? title, double? yMin, double? yMax, IReadOnlyList<string>? colors = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var type = kind switch
        {
            ChartKind.Bar => "bar",
            ChartKind.Donut => "donut",
            _ => "line",
        };
        var options = new JsonObject
        {
            ["chart"] = new JsonObject
            {
                ["type"] = type,
                ["height"] = height,
                ["animations"] = new JsonObject { ["enabled"] = false },
                ["toolbar"] = new JsonObject { ["show"] = false },
                ["zoom"] = new JsonObject { ["enabled"] = false },
                ["fontFamily"] = "inherit",
            },
            ["legend"] = new JsonObject { ["show"] = true, ["position"] = "bottom" },
            ["noData"] = new JsonObject { ["text"] = "No data" },
            ["colors"] = new JsonArray((colors is { Count: > 0 } ? colors : Palette).Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        };
        if (!string.IsNullOrWhiteSpace(title))
        {
            options["title"] = new JsonObject { ["text"] = title };
        }
        if (kind == ChartKind.Donut)
        {
            // A donut draws one series: its values, labelled by the categories.
            var values = series.Count == 0 ? [] : series[0].Points;
            options["series"] = new JsonArray(values.Select(p => (JsonNode?)JsonValue.Create(p.Y ?? 0)).ToArray());
            options["labels"] = Labels(categories, values.Count);
            return options;
        }
        if (kind == ChartKind.Bar)
        {
            options["series"] = new JsonArray(series.Select(s => (JsonNode?)new JsonObject
            {
                ["name"] = s.Name,
                ["data"] = new JsonArray(s.Points.Select(p => (JsonNode?)JsonValue.Create(p.Y)).ToArray()),
            }).ToArray());
            options["xaxis"] = new JsonObject { ["categories"] = Labels(categories, series.Count == 0 ? 0 : series.Max(s => s.Points.Count)) };
            if (colors is { Count: > 0 } && series.Count == 1)
            {
                options["plotOptions"] = new JsonObject { ["bar"] = new JsonObject { ["distributed"] = true } };
                options["legend"] = new JsonObject { ["show"] = false };
            }
        }
        else
        {
            options["series"] = new JsonArray(series.Select(s => (JsonNode?)new JsonObject
            {
                ["name"] = s.Name,
                ["data"] = new JsonArray(s.Points.OrderBy(p => p.X).Select(p => (JsonNode?)new JsonObject
                {
                    ["x"] = p.X.ToUnixTimeMilliseconds(),
                    ["y"] = p.Y,
                }).ToArray()),
            }).ToArray());
            options["xaxis"] = new JsonObject { ["type"] = "datetime", ["labels"] = new JsonObject { ["datetimeUTC"] = false } };
            // The first series (e.g. the overall score) is drawn thicker than the rest.
            options["stroke"] = new JsonObject
            {
                ["curve"] = "straight",
                ["width"] = new JsonArray(series.Select((_, i) => (JsonNode?)JsonValue.Create(i == 0 ? 4 : 2)).ToArray()),
            };
            options["markers"] = new JsonObject { ["size"] = 4 };
            options["tooltip"] = new JsonObject { ["x"] = new JsonObject { ["format"] = "dd MMM yyyy HH:mm" } };
        }
        var yaxis = new JsonObject { ["decimalsInFloat"] = 0 };
        if (yMin is { } min)
        {
            yaxis["min"] = min;
        }
        if (yMax is { } max)
        {
            yaxis["max"] = max;
        }
        if (kind == ChartKind.Bar)
        {
            // Bars show counts: whole-number ticks only (ApexCharts would label 2 bars as 0, 0.5, 1, 1.5, 2).
            var highest = series.SelectMany(s => s.Points).Max(p => p.Y) ?? 0;
            yaxis["min"] ??= 0d;
            yaxis["forceNiceScale"] = true;
            yaxis["tickAmount"] = (int)Math.Clamp(Math.Ceiling(highest), 1, 5);
        }
        options["yaxis"] = yaxis;
        return options;
    }

    private static JsonArray Labels(IReadOnlyList<string>? categories, int count) =>
        new(Enumerable.Range(0, count)
            .Select(i => (JsonNode?)JsonValue.Create(categories is not null && i < categories.Count ? categories[i] : (i + 1).ToString(CultureInfo.InvariantCulture)))
            .ToArray());

    private sealed record FallbackRow(string Label, IReadOnlyList<double?> Values);

    private List<FallbackRow> FallbackRows()
    {
        if (Kind == ChartKind.Line)
        {
            return Series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order()
                .Select(x => new FallbackRow(
                    x.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                    Series.Select(s => s.Points.FirstOrDefault(p => p.X == x)?.Y).ToList()))
                .ToList();
        }
        var count = Series.Count == 0 ? 0 : Series.Max(s => s.Points.Count);
        return Enumerable.Range(0, count)
            .Select(i => new FallbackRow(
                Categories is not null && i < Categories.Count ? Categories[i] : (i + 1).ToString(CultureInfo.InvariantCulture),
                Series.Select(s => i < s.Points.Count ? s.Points[i].Y : null).ToList()))
            .ToList();
    }
}
