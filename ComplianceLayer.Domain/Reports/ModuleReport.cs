using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Domain.Reports;

/// <summary>One module in the report. <see cref="Score"/> and <see cref="Grade"/> are absent unless the module completed.</summary>
public sealed record ModuleReport
{
    public int? Score { get; init; }

    public Grade? Grade { get; init; }

    /// <summary>Weight as a fraction of the overall score (0.25); 0 for tier-3 modules.</summary>
    public required decimal Weight { get; init; }

    public required ModuleStatus Status { get; init; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ModuleStatus.Error"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Set when <see cref="Status"/> is <see cref="ModuleStatus.NotTested"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>Codes whose grade caps lowered the score, so a reader can see why (absent when none applied).</summary>
    public IReadOnlyList<string>? CappedBy { get; init; }

    /// <summary>What the module measured (protocols, records, open ports…); an empty object when nothing was measured.</summary>
    public required JsonObject Details { get; init; }

    public required IReadOnlyList<ReportIssue> Issues { get; init; }
}
