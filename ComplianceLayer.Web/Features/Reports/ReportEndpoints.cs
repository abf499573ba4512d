using System.Text.Json;
using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Web.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ComplianceLayer.Web.Features.Reports;

/// <summary>GET /v1/reports/{report_id}: the full report of a completed scan.</summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/reports/{report_id}", GetAsync)
            .WithName("GetReport")
            .WithSummary("A report (the full report structure of the API documentation)")
            .RequireScope(ApiScopes.ReportsRead);
        return v1;
    }

    internal static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetAsync(
        [FromRoute(Name = "report_id")] string reportId, ApiQueries queries, CancellationToken cancellationToken) =>
        ApiValues.Report(await queries.FindReportAsync(reportId, cancellationToken)) is { } report
            ? TypedResults.Ok(report)
            : ApiProblems.NotFound($"No report {reportId} in this organization.");
}
