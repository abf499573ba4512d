using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Web.Features.Reports;

/// <summary>One module's score and grade in the previous and the current report (null: absent or not scored there).</summary>
public sealed record ModuleDelta(string Module, int? PreviousScore, int? CurrentScore, Grade? PreviousGrade, Grade? CurrentGrade)
{
    /// <summary>Current minus previous; null unless both reports scored the module.</summary>
    public int? ScoreDelta => PreviousScore is { } before && CurrentScore is { } after ? after - before : null;

    public bool Changed => PreviousScore != CurrentScore || PreviousGrade != CurrentGrade;
}

/// <summary>
/// What changed between a scan and the completed scan of the same domain before it: findings new and resolved by
/// fingerprint (a code plus its subject), and the overall and per-module score and grade deltas.
/// </summary>
public sealed record ReportDiff(
    string PreviousJobId,
    DateTimeOffset PreviousScannedAt,
    int PreviousScore,
    int CurrentScore,
    Grade PreviousGrade,
    Grade CurrentGrade,
    IReadOnlyList<ModuleDelta> Modules,
    IReadOnlyList<ReportIssue> NewIssues,
    IReadOnlyList<ReportIssue> ResolvedIssues)
{
    public int ScoreDelta => CurrentScore - PreviousScore;

    public bool GradeChanged => PreviousGrade != CurrentGrade;

    public static ReportDiff Between(string previousJobId, ScanReport previous, ScanReport current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var before = previous.Issues.Select(i => i.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var after = current.Issues.Select(i => i.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var modules = previous.Modules.Keys.Union(current.Modules.Keys, StringComparer.Ordinal)
            .Select(key =>
            {
                var old = previous.Modules.GetValueOrDefault(key);
                var now = current.Modules.GetValueOrDefault(key);
                return new ModuleDelta(key, old?.Score, now?.Score, old?.Grade, now?.Grade);
            })
            .OrderByDescending(m => ScoringPolicy.TryGetModule(m.Module, out var definition) ? definition.WeightPercent : 0)
            .ThenBy(m => m.Module, StringComparer.Ordinal)
            .ToList();
        return new ReportDiff(previousJobId, previous.ScannedAt, previous.Score, current.Score, previous.Grade, current.Grade, modules,
            IssueOrder.Sort(current.Issues.Where(i => !before.Contains(i.Fingerprint))),
            IssueOrder.Sort(previous.Issues.Where(i => !after.Contains(i.Fingerprint))));
    }
}

/// <summary>The order issues are listed in: most severe first, then module, then code and fingerprint.</summary>
public static class IssueOrder
{
    public static IReadOnlyList<ReportIssue> Sort(IEnumerable<ReportIssue> issues) =>
        issues.OrderBy(i => i.Severity)
            .ThenBy(i => i.Module, StringComparer.Ordinal)
            .ThenBy(i => i.Code, StringComparer.Ordinal)
            .ThenBy(i => i.Fingerprint, StringComparer.Ordinal)
            .ToList();
}
