using System.Text;
using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ComplianceLayer.Web.Features.Compliance;

/// <summary>GET /compliance/{framework}.csv?by=domains|clients: the whole matrix (every column) as CSV, for signed-in members (cookie auth).</summary>
public static class ComplianceEndpoints
{
    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/compliance/{framework}.csv", ExportAsync).RequireAuthorization(Policies.ViewData);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, NotFound, BadRequest<string>>> ExportAsync(
        string framework, string? by, Guid? client, HttpContext http, ComplianceMatrixQueries queries, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!ComplianceFrameworks.IsKnown(framework))
        {
            return TypedResults.NotFound();
        }
        MatrixMode mode;
        switch (by)
        {
            case null or "" or "domains":
                mode = MatrixMode.Domains;
                break;
            case "clients":
                mode = MatrixMode.Clients;
                break;
            default:
                return TypedResults.BadRequest("by must be 'domains' or 'clients'.");
        }
        var query = new MatrixQuery(framework, mode, ClientId: client);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition =
            new System.Net.Mime.ContentDisposition { FileName = ComplianceCsv.FileName(framework, mode, time.GetUtcNow()) }.ToString();
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await ComplianceCsv.WriteAsync(writer, framework, mode, queries.StreamColumnsAsync(query, cancellationToken), cancellationToken);
        return TypedResults.Empty;
    }
}
