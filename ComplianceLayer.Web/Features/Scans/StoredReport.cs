using ComplianceLayer.Domain.Reports;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>
/// PostgreSQL's jsonb keeps a report's content but not its key order or spacing; whatever serves a report re-serialises
/// it through <see cref="ReportJson"/> so clients see the field order of the API documentation.
/// </summary>
public static class StoredReport
{
    public static string ToContractJson(string storedJson) => ReportJson.Serialize(ReportJson.Deserialize(storedJson));
}
