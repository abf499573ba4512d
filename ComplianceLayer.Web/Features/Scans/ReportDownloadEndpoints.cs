using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>Download of a completed scan's report as the seed's JSON, for signed-in members (cookie auth).</summary>
public static class ReportDownloadEndpoints
{
    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/scans/{jobId}/report.json", DownloadAsync).RequireAuthorization(Policies.ViewData);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(
        string jobId, CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scan = await db.Scans.AsNoTracking()
            .Where(s => s.JobId == jobId && s.Status == ScanStatus.Completed)
            .Select(s => new { s.ReportId, s.ReportJson })
            .SingleOrDefaultAsync(cancellationToken);
        return scan?.ReportJson is null
            ? TypedResults.NotFound()
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(StoredReport.ToContractJson(scan.ReportJson)), "application/json", $"{scan.ReportId}.json");
    }
}
