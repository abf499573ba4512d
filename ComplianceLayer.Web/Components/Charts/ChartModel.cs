namespace ComplianceLayer.Web.Components.Charts;

/// <summary>The chart types <see cref="ApexChart"/> draws.</summary>
public enum ChartKind
{
    Line,
    Bar,
    Donut,
}

/// <summary>One value of a series: a date for line charts; for bar and donut charts the position matches the categories.</summary>
public sealed record ChartPoint(DateTimeOffset X, double? Y);

/// <summary>A named series of points.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
