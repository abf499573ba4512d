using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Scans;

/// <summary>One scan of one domain. State moves only through the transition methods.</summary>
public sealed class Scan : ITenantOwned
{
    public const int FailureReasonMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid DomainId { get; set; }

    public string JobId { get; private set; } = ScanIds.NewJobId();

    public string ReportId { get; private set; } = ScanIds.NewReportId();

    public ScanStatus Status { get; private set; } = ScanStatus.Queued;

    public ScanTrigger Trigger { get; set; }

    public string? RequestedByUserId { get; set; }

    public Guid? RequestedByApiKeyId { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? FailureReason { get; private set; }

    public int? Score { get; private set; }

    public string? Grade { get; private set; }

    public string? RiskLevel { get; private set; }

    public int? AlgorithmVersion { get; private set; }

    /// <summary>How many times a node started running this scan: more than 1 means it was recovered after a crash.</summary>
    public int Attempts { get; private set; }

    /// <summary>The scheduler instance (node) that last started it.</summary>
    public string? RunBy { get; private set; }

    /// <summary>The full report JSON (jsonb), exactly as served by the API.</summary>
    public string? ReportJson { get; private set; }

    public void MarkRunning(DateTimeOffset now, string? node = null)
    {
        if (Status != ScanStatus.Queued)
        {
            throw new InvalidOperationException($"Scan {JobId} cannot start: it is {Status}.");
        }
        Status = ScanStatus.Running;
        StartedAt = now;
        Attempts++;
        RunBy = node;
    }

    /// <summary>Back to the queue, e.g. when the node running it died.</summary>
    public void Requeue()
    {
        if (Status != ScanStatus.Running)
        {
            throw new InvalidOperationException($"Scan {JobId} cannot be re-queued: it is {Status}.");
        }
        Status = ScanStatus.Queued;
        StartedAt = null;
    }

    public void Complete(int score, string grade, string riskLevel, int algorithmVersion, string reportJson, DateTimeOffset now)
    {
        if (Status != ScanStatus.Running)
        {
            throw new InvalidOperationException($"Scan {JobId} cannot complete: it is {Status}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(score);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 100);
        Status = ScanStatus.Completed;
        Score = score;
        Grade = grade;
        RiskLevel = riskLevel;
        AlgorithmVersion = algorithmVersion;
        ReportJson = reportJson;
        FinishedAt = now;
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        if (Status is ScanStatus.Completed or ScanStatus.Failed)
        {
            throw new InvalidOperationException($"Scan {JobId} cannot fail: it is already {Status}.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Status = ScanStatus.Failed;
        FailureReason = reason.Length > FailureReasonMaxLength ? reason[..FailureReasonMaxLength] : reason;
        FinishedAt = now;
    }

    public bool IsActive => Status is ScanStatus.Queued or ScanStatus.Running;
}
