using System.Text.Json;
using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Web.Features.Api;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>POST /v1/scan and GET /v1/scan/jobs/{job_id}.</summary>
public static class ScanEndpoints
{
    public static RouteGroupBuilder MapScanEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/scan", SubmitAsync)
            .WithName("SubmitScan")
            .WithSummary("Queue a scan of a domain")
            .WithDescription("Adds the domain to the organization when it is new. A completed scan younger than the result cache age "
                + "(Api:ResultCacheAge, 1 h by default) is returned instead, with status \"completed\", unless \"force\": true.")
            .Accepts<ScanSubmission>("application/json")
            .RequireScope(ApiScopes.ScanWrite);
        v1.MapGet("/scan/jobs/{job_id}", GetJobAsync)
            .WithName("GetScanJob")
            .WithSummary("A scan job's status, with the full report once completed")
            .RequireScope(ApiScopes.ScanRead);
        return v1;
    }

    // Reads the body itself so that malformed JSON is a 400 problem, like every other input error.
    internal static async Task<Results<Accepted<ScanSubmitted>, ProblemHttpResult>> SubmitAsync(
        HttpContext context, ApiScanRequests requests, CancellationToken cancellationToken)
    {
        ScanSubmission? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<ScanSubmission>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return ApiProblems.BadRequest("The body must be JSON such as {\"domain\": \"example.com\"}.");
        }
        if (!string.IsNullOrWhiteSpace(body?.Domain))
        {
            context.Items[ApiRequestLogMiddleware.DomainItem] = body.Domain.Trim().Length > 253 ? body.Domain.Trim()[..253] : body.Domain.Trim();
        }
        try
        {
            var result = await requests.RequestAsync(ApiCaller.Require(context), body?.Domain, body?.Force ?? false, cancellationToken);
            context.Items[ApiRequestLogMiddleware.DomainItem] = result.Domain;
            return TypedResults.Accepted($"/v1/scan/jobs/{result.Scan.JobId}",
                new ScanSubmitted(result.Scan.JobId, ApiValues.Of(result.Scan.Status), result.Domain));
        }
        catch (ValidationFailedException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
    }

    internal static async Task<Results<Ok<ScanJobStatus>, ProblemHttpResult>> GetJobAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "job_id")] string jobId, ApiQueries queries, CancellationToken cancellationToken) =>
        await queries.FindJobAsync(jobId, cancellationToken) is { } job
            ? TypedResults.Ok(job)
            : ApiProblems.NotFound($"No scan job {jobId} in this organization.");
}
