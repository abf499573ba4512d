using System.Globalization;
using ComplianceLayer.Web.Features.Privacy.Export;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ComplianceLayer.Web.Features.Audit;

/// <summary>CSV export of the filtered audit log (cookie auth, Owner and Admin).</summary>
public static class AuditEndpoints
{
    public const string CsvPath = "exports/audit.csv";

    public static string CsvUrl(AuditFilter filter)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
        Add("action", filter.ActionPrefix);
        Add("actor", filter.Actor);
        Add("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("text", filter.Text);
        return query.Count == 0 ? CsvPath : $"{CsvPath}?{string.Join('&', query)}";
    }

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/" + CsvPath, ExportAsync).RequireAuthorization(Policies.ViewAuditLog);
        return app;
    }

    private static PushStreamHttpResult ExportAsync(string? action, string? actor, DateOnly? from, DateOnly? to, string? text,
        AuditQueries queries, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Stream(stream => queries.WriteCsvAsync(new AuditFilter(action, actor, from, to, text), stream, cancellationToken),
            ScanExportEndpoints.CsvContentType,
            string.Create(CultureInfo.InvariantCulture, $"audit-log-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv"));
}
