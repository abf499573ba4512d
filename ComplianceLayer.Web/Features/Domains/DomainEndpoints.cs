using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Web.Features.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ComplianceLayer.Web.Features.Domains;

/// <summary>GET /v1/domains and GET /v1/domains/{domain}/scans.</summary>
public static class DomainEndpoints
{
    public static RouteGroupBuilder MapDomainEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/domains", ListAsync)
            .WithName("ListDomains")
            .WithSummary("The organization's domains with their last score and grade (paged: ?page=1&page_size=50)")
            .RequireScope(ApiScopes.ScanRead);
        v1.MapGet("/domains/{domain}/scans", ListScansAsync)
            .WithName("ListDomainScans")
            .WithSummary("A domain's scan history, newest first (paged: ?page=1&page_size=50)")
            .RequireScope(ApiScopes.ScanRead);
        return v1;
    }

    internal static async Task<Ok<ApiPage<ApiDomain>>> ListAsync(
        ApiQueries queries, CancellationToken cancellationToken, int page = 1, [FromQuery(Name = "page_size")] int pageSize = ApiQueries.DefaultPageSize) =>
        TypedResults.Ok(await queries.ListDomainsAsync(page, pageSize, cancellationToken));

    internal static async Task<Results<Ok<ApiPage<ApiScan>>, ProblemHttpResult>> ListScansAsync(
        string domain, ApiQueries queries, CancellationToken cancellationToken,
        int page = 1, [FromQuery(Name = "page_size")] int pageSize = ApiQueries.DefaultPageSize)
    {
        var parsed = DomainName.Parse(domain);
        if (parsed.Name is not { } name)
        {
            return ApiProblems.BadRequest(DomainService.DescribeParseError(parsed.Error, parsed.Suggestion));
        }
        return await queries.ListScansAsync(name, page, pageSize, cancellationToken) is { } scans
            ? TypedResults.Ok(scans)
            : ApiProblems.NotFound($"{name.Ascii} is not a domain of this organization.");
    }
}
