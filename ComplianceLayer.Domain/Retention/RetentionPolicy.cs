namespace ComplianceLayer.Domain.Retention;

/// <summary>
/// How long data is kept, as the privacy policy promises: scan history 30 days on Starter (and the trial),
/// 1 year on Pro and above; API request logs 90 days; account data 90 days after cancellation; billing records 7 years.
/// </summary>
public static class RetentionPolicy
{
    public static readonly TimeSpan StarterScanHistory = TimeSpan.FromDays(30);
    public static readonly TimeSpan ProScanHistory = TimeSpan.FromDays(365);
    public static readonly TimeSpan ApiRequestLogs = TimeSpan.FromDays(90);
    public static readonly TimeSpan AccountDataAfterCancellation = TimeSpan.FromDays(90);
    public static readonly TimeSpan BillingRecords = TimeSpan.FromDays(7 * 365 + 2);

    /// <summary>The scan history window of a plan; unknown plans get the shortest window (fail safe for privacy).</summary>
    public static TimeSpan ScanHistoryFor(string? planCode) => planCode?.ToLowerInvariant() switch
    {
        "pro" or "business" or "enterprise" => ProScanHistory,
        _ => StarterScanHistory,
    };

    /// <summary>The oldest moment still kept for a plan at <paramref name="now"/>.</summary>
    public static DateTimeOffset ScanHistoryCutoff(string? planCode, DateTimeOffset now) => now - ScanHistoryFor(planCode);
}
