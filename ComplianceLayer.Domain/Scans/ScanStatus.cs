namespace ComplianceLayer.Domain.Scans;

/// <summary>The scan job lifecycle of the API documentation: queued → running → completed | failed.</summary>
public enum ScanStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}
