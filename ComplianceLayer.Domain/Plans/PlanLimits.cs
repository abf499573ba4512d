using ComplianceLayer.Domain.Schedules;

namespace ComplianceLayer.Domain.Plans;

/// <summary>
/// What a plan allows. A null count means "no limit of the plan" (other limits, such as the API's own rate limits, still apply).
/// </summary>
/// <param name="MonitoredDomains">Domains the organization may monitor at once.</param>
/// <param name="ScansPerMonth">Scans that may be requested per usage period (the calendar month, UTC).</param>
/// <param name="HistoryDays">How long finished scans are kept; the retention job deletes older ones.</param>
/// <param name="SchedulesAllowed">Whether scan schedules may be created and run.</param>
/// <param name="FinestCadence">The most frequent schedule cadence allowed.</param>
/// <param name="ApiAccess">Whether API keys may call the REST API.</param>
/// <param name="ApiRequestsPerMinute">The organization's API requests per minute.</param>
/// <param name="TeamMembers">Members of the organization (invitations included are not counted).</param>
/// <param name="WhiteLabelReports">Reports with the organization's own branding (later).</param>
public sealed record PlanLimits(
    int? MonitoredDomains,
    int? ScansPerMonth,
    int HistoryDays,
    bool SchedulesAllowed,
    ScheduleCadence FinestCadence,
    bool ApiAccess,
    int? ApiRequestsPerMinute,
    int? TeamMembers,
    bool WhiteLabelReports)
{
    public TimeSpan HistoryWindow => TimeSpan.FromDays(HistoryDays);
}
