using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Domain.Reports;

/// <summary>
/// The report as stored (jsonb) and served by the API: the seed's structure plus <c>algorithm_version</c>, per-module
/// <c>status</c>/<c>details</c> and per-issue <c>code</c>/<c>fingerprint</c>/<c>evidence</c>. Serialise with <see cref="ReportJson"/>;
/// property order here is the JSON order.
/// </summary>
public sealed record ScanReport
{
    public required string Domain { get; init; }

    public required int Score { get; init; }

    public required Grade Grade { get; init; }

    public required RiskLevel RiskLevel { get; init; }

    /// <summary><c>cl_rpt_…</c>, as <see cref="Scans.ScanIds.NewReportId"/> makes it.</summary>
    public required string ReportId { get; init; }

    /// <summary>UTC, whole seconds; serialised as <c>2026-03-07T12:00:00Z</c>.</summary>
    public required DateTimeOffset ScannedAt { get; init; }

    public required int AlgorithmVersion { get; init; }

    /// <summary>Keyed by module key (<see cref="ModuleKeys"/>), in <see cref="ScoringPolicy.Modules"/> order.</summary>
    public required IReadOnlyDictionary<string, ModuleReport> Modules { get; init; }

    /// <summary>All module issues: by severity, then module weight (heaviest first), then code.</summary>
    public required IReadOnlyList<ReportIssue> Issues { get; init; }

    public required IReadOnlyList<string> Caveats { get; init; }

    public required ComplianceSection Compliance { get; init; }

    public required IReadOnlyList<string> Recommendations { get; init; }
}
