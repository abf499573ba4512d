using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Reports;

/// <summary>
/// "What changed": a completed scan against the completed scan of the same domain that finished before it. Both reports
/// are read (two rows), since the per-module scores live only in the report; the tenant filter keeps other organizations out.
/// </summary>
public sealed class ReportDiffQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Null when the scan is unknown (or another organization's), not completed, or the domain's first completed scan.</summary>
    public async Task<ReportDiff?> SincePreviousAsync(string jobId, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Scans.AsNoTracking()
            .Where(s => s.JobId == jobId && s.Status == ScanStatus.Completed && s.ReportJson != null)
            .Select(s => new { s.DomainId, s.FinishedAt, s.ReportJson })
            .SingleOrDefaultAsync(cancellationToken);
        if (current?.ReportJson is null)
        {
            return null;
        }
        var previous = await db.Scans.AsNoTracking()
            .Where(s => s.DomainId == current.DomainId && s.Status == ScanStatus.Completed && s.ReportJson != null
                && s.FinishedAt < current.FinishedAt)
            .OrderByDescending(s => s.FinishedAt)
            .Select(s => new { s.JobId, s.ReportJson })
            .FirstOrDefaultAsync(cancellationToken);
        return previous?.ReportJson is null
            ? null
            : ReportDiff.Between(previous.JobId, ReportJson.Deserialize(previous.ReportJson), ReportJson.Deserialize(current.ReportJson));
    }
}
