using System.Text.Json;
using ComplianceLayer.Domain.Reports;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>
/// PostgreSQL's jsonb keeps a report's content but not its key order or spacing; whatever serves a report re-serialises
/// it through <see cref="ReportJson"/> so clients see the field order of the API documentation. A stored report this
/// version cannot read (another shape, e.g. from an older algorithm) is served as stored rather than not at all.
/// </summary>
public static class StoredReport
{
    public static string ToContractJson(string storedJson)
    {
        try
        {
            return ReportJson.Serialize(ReportJson.Deserialize(storedJson));
        }
        catch (JsonException)
        {
            return storedJson;
        }
    }
}
