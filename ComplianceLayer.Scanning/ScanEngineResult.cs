using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning;

/// <summary>A finished module, as reported to progress listeners while the scan goes on.</summary>
public sealed record ModuleProgress(string Module, ModuleStatus Status, int? Score, TimeSpan Elapsed);

/// <summary>Either a report, or why the scan failed (invalid or unresolvable domain, refused target, nothing scorable).</summary>
public sealed record ScanEngineResult(
    ScanReport? Report,
    string? FailureReason,
    IReadOnlyList<ModuleOutcome> Outcomes,
    IReadOnlyDictionary<string, TimeSpan> ModuleDurations)
{
    public bool Succeeded => Report is not null;

    public static ScanEngineResult Failed(string reason) =>
        new(null, reason, [], new Dictionary<string, TimeSpan>());
}
