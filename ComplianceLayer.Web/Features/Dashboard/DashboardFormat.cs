using System.Globalization;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Dashboard;

/// <summary>How grades, changes and times look on the dashboard.</summary>
public static class DashboardFormat
{
    public const string NeverScannedLabel = "Never scanned";

    /// <summary>The grades in chart order, with their chart colours; the last entry (null) is "never scanned".</summary>
    public static IReadOnlyList<(string? Grade, string Label, string Hex)> GradeBands { get; } =
    [
        ("A", "A", "#2e7d32"),
        ("B", "B", "#7cb342"),
        ("C", "C", "#f9a825"),
        ("D", "D", "#ef6c00"),
        ("F", "F", "#c62828"),
        (null, NeverScannedLabel, "#9e9e9e"),
    ];

    public static Color GradeColor(string? grade) => grade switch
    {
        "A" => Color.Success,
        "B" => Color.Info,
        "C" => Color.Warning,
        "D" or "F" => Color.Error,
        _ => Color.Default,
    };

    /// <summary>"low_medium" → "low–medium".</summary>
    public static string Risk(string riskLevel) => riskLevel.Replace('_', '–');

    public static string Change(int change) => change.ToString("+0;−0;0", CultureInfo.InvariantCulture);

    /// <summary>A short relative time ("5 min ago", "3 d ago"); the exact UTC time belongs in a title attribute.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        return span switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min ago"),
            { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h ago"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d ago"),
        };
    }

    public static string Exact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
