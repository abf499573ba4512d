using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Tests.Domain.Scoring;

internal static class ScoringTestData
{
    public const string ReportId = "cl_rpt_abc123def456";

    public static readonly DateTimeOffset ScannedAt = new(2026, 3, 7, 12, 0, 0, TimeSpan.Zero);

    public static Issue Issue(string module, string code, Severity severity, string? remediation = null, string? subject = null) =>
        new(module, code, severity, title: $"Title of {code}", remediation: remediation ?? $"Fix {code}", evidence: $"evidence for {code}", subject: subject);

    /// <summary>Every weighted module completed with no issues, with <paramref name="replacements"/> swapped in by key.</summary>
    public static List<ModuleOutcome> PerfectExcept(params ModuleOutcome[] replacements)
    {
        var outcomes = ScoringPolicy.Modules
            .Where(m => m.IsWeighted)
            .Select(m => replacements.FirstOrDefault(r => r.Module == m.Key) ?? ModuleOutcome.Completed(m.Key, []))
            .ToList();
        outcomes.AddRange(replacements.Where(r => !outcomes.Contains(r)));
        return outcomes;
    }

    public static ScoreCardResult Build(IEnumerable<ModuleOutcome> outcomes) =>
        ScoreCard.Build("example.com", ReportId, ScannedAt, outcomes);

    public static ComplianceLayer.Domain.Reports.ScanReport BuildReport(IEnumerable<ModuleOutcome> outcomes)
    {
        var result = Build(outcomes);
        Assert.True(result.IsScored, result.FailureReason);
        return result.Report;
    }
}
