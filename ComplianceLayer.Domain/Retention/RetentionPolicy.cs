namespace ComplianceLayer.Domain.Retention;

/// <summary>
/// The fixed retention windows the privacy policy promises: API request logs 90 days; account data 90 days after
/// cancellation; billing records 7 years. The scan history window depends on the plan (30 days on Starter, 1 year on
/// Pro and above) and comes from the plan catalogue: <see cref="Plans.PlanCatalog.ScanHistoryWindow"/>.
/// </summary>
public static class RetentionPolicy
{
    public static readonly TimeSpan ApiRequestLogs = TimeSpan.FromDays(90);
    public static readonly TimeSpan AccountDataAfterCancellation = TimeSpan.FromDays(90);
    public static readonly TimeSpan BillingRecords = TimeSpan.FromDays(7 * 365 + 2);
}
