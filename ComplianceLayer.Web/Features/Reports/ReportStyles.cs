using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;
using MudBlazor;
using Severity = ComplianceLayer.Domain.Findings.Severity;

namespace ComplianceLayer.Web.Features.Reports;

/// <summary>Colours and texts shared by the report components, so a grade or severity looks the same everywhere.</summary>
public static class ReportStyles
{
    public static Color GradeColor(Grade? grade) => grade switch
    {
        Grade.A => Color.Success,
        Grade.B => Color.Info,
        Grade.C => Color.Warning,
        null => Color.Default,
        _ => Color.Error,
    };

    public static Color GradeColor(string? grade) =>
        Enum.TryParse<Grade>(grade, ignoreCase: false, out var parsed) ? GradeColor(parsed) : Color.Default;

    public static Color SeverityColor(Severity severity) => severity switch
    {
        Severity.Critical => Color.Error,
        Severity.High => Color.Warning,
        Severity.Medium => Color.Info,
        _ => Color.Default,
    };

    public static string Text(Severity severity) => ReportJson.ValueOf(severity);

    public static string Text(RiskLevel risk) => ReportJson.ValueOf(risk).Replace('_', '-');

    public static string Text(ModuleStatus status) => ReportJson.ValueOf(status).Replace('_', ' ');

    public static string ModuleName(string key) => ScoringPolicy.TryGetModule(key, out var module) ? module.Name : key;

    /// <summary>"+3", "−5" or "±0", for score deltas.</summary>
    public static string Delta(int delta) => delta switch
    {
        > 0 => $"+{delta}",
        < 0 => $"−{-delta}",
        _ => "±0",
    };

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
