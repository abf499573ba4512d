namespace ComplianceLayer.Domain.Scans;

public enum ScanTrigger
{
    Manual,
    Schedule,
    Api,
}
