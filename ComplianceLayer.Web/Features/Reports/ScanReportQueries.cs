using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Reports;

/// <summary>One scan as the report page shows it: where it belongs, its state and, once completed, its report.</summary>
public sealed record ScanReportView(
    string JobId,
    Guid DomainId,
    string DomainName,
    Guid ClientId,
    string ClientName,
    ScanStatus Status,
    ScanTrigger Trigger,
    DateTimeOffset QueuedAt,
    DateTimeOffset? FinishedAt,
    string? FailureReason,
    ScanReport? Report);

/// <summary>A single scan by its public job id (<c>cl_job_…</c>), within the member's organization.</summary>
public sealed class ScanReportQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Null for an unknown job id and for another organization's scan (the tenant filter hides it).</summary>
    public async Task<ScanReportView?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await (
            from s in db.Scans.AsNoTracking()
            join d in db.Domains on s.DomainId equals d.Id
            join c in db.Clients on d.ClientId equals c.Id
            where s.JobId == jobId
            select new { s.JobId, DomainId = d.Id, d.DisplayName, ClientId = c.Id, ClientName = c.Name, s.Status, s.Trigger, s.QueuedAt, s.FinishedAt, s.FailureReason, s.ReportJson })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var report = row.Status == ScanStatus.Completed && row.ReportJson is { } json ? ReportJson.Deserialize(json) : null;
        return new ScanReportView(row.JobId, row.DomainId, row.DisplayName, row.ClientId, row.ClientName, row.Status, row.Trigger,
            row.QueuedAt, row.FinishedAt, row.FailureReason, report);
    }
}
