using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Reports;

public sealed record DomainOverview(
    Guid Id,
    string Name,
    string DisplayName,
    Guid ClientId,
    string ClientName,
    ScanReport? LatestReport,
    string? LatestJobId,
    Guid? ActiveScanId,
    ScanStatus? ActiveStatus);

/// <summary>One domain with its latest completed report and any scan now queued or running.</summary>
public sealed class DomainReportQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<DomainOverview?> GetAsync(Guid domainId, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var domain = await db.Domains.AsNoTracking()
            .Where(d => d.Id == domainId)
            .Join(db.Clients, d => d.ClientId, c => c.Id, (d, c) => new { d.Id, d.Name, d.DisplayName, d.ClientId, ClientName = c.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (domain is null)
        {
            return null;
        }
        var latest = await db.Scans.AsNoTracking()
            .Where(s => s.DomainId == domainId && s.Status == ScanStatus.Completed)
            .OrderByDescending(s => s.FinishedAt)
            .Select(s => new { s.JobId, s.ReportJson })
            .FirstOrDefaultAsync(cancellationToken);
        var active = await db.Scans.AsNoTracking()
            .Where(s => s.DomainId == domainId && (s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running))
            .Select(s => new { s.Id, s.Status })
            .FirstOrDefaultAsync(cancellationToken);
        return new DomainOverview(domain.Id, domain.Name, domain.DisplayName, domain.ClientId, domain.ClientName,
            latest?.ReportJson is { } json ? ReportJson.Deserialize(json) : null, latest?.JobId, active?.Id, active?.Status);
    }
}
