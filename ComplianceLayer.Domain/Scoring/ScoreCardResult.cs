using System.Diagnostics.CodeAnalysis;
using ComplianceLayer.Domain.Reports;

namespace ComplianceLayer.Domain.Scoring;

/// <summary>Either a scored report, or the reason the scan cannot be scored (no weighted module completed).</summary>
public sealed record ScoreCardResult
{
    private ScoreCardResult(ScanReport? report, string? failureReason)
    {
        Report = report;
        FailureReason = failureReason;
    }

    public ScanReport? Report { get; }

    /// <summary>Set when the scan cannot be scored; the job marks the scan failed with it.</summary>
    public string? FailureReason { get; }

    [MemberNotNullWhen(true, nameof(Report))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool IsScored => Report is not null;

    public static ScoreCardResult Scored(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ScoreCardResult(report, null);
    }

    public static ScoreCardResult Unscorable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ScoreCardResult(null, reason);
    }
}
