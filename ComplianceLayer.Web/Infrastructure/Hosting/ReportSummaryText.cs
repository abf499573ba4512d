using System.Globalization;
using System.Text;
using ComplianceLayer.Domain.Reports;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>A report as plain text for a terminal: the headline, each module, the issues, the caveats.</summary>
public static class ReportSummaryText
{
    public static string Format(ScanReport report)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{report.Domain}: score {report.Score}, grade {ReportJson.ValueOf(report.Grade)}, risk {ReportJson.ValueOf(report.RiskLevel)}");
        text.AppendLine(c, $"report {report.ReportId} at {report.ScannedAt:yyyy-MM-ddTHH:mm:ssZ} (algorithm v{report.AlgorithmVersion})");
        text.AppendLine();
        foreach (var (key, module) in report.Modules.OrderByDescending(m => m.Value.Weight).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            var score = module.Score is { } s ? $"{s,3} {ReportJson.ValueOf(module.Grade!.Value)}" : "  - -";
            var note = module.Error ?? module.Reason;
            text.AppendLine(c, $"  {key,-12} {score}  weight {module.Weight:0.00}  {ReportJson.ValueOf(module.Status)}{(note is null ? "" : ": " + note)}");
        }
        if (report.Issues.Count > 0)
        {
            text.AppendLine().AppendLine("Issues:");
            foreach (var issue in report.Issues)
            {
                text.AppendLine(c, $"  [{ReportJson.ValueOf(issue.Severity),-8}] {issue.Module}: {issue.Finding} ({issue.Code})");
                text.AppendLine(c, $"             evidence: {issue.Evidence}");
                text.AppendLine(c, $"             fix: {issue.Remediation}");
            }
        }
        if (report.Caveats.Count > 0)
        {
            text.AppendLine().AppendLine("Caveats:");
            foreach (var caveat in report.Caveats)
            {
                text.AppendLine(c, $"  - {caveat}");
            }
        }
        return text.ToString().TrimEnd();
    }
}
