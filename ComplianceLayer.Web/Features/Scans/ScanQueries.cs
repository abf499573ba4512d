using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>The organization's scans, filtered and paged in SQL.</summary>
public sealed class ScanQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<ScanPage> ListAsync(ScanListQuery query, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scans = db.Scans.AsNoTracking();
        if (query.Status is { } status)
        {
            scans = scans.Where(s => s.Status == status);
        }
        if (query.Trigger is { } trigger)
        {
            scans = scans.Where(s => s.Trigger == trigger);
        }
        if (query.DomainId is { } domainId)
        {
            scans = scans.Where(s => s.DomainId == domainId);
        }
        var rows =
            from s in scans
            join d in db.Domains on s.DomainId equals d.Id
            join c in db.Clients on d.ClientId equals c.Id
            where query.ClientId == null || d.ClientId == query.ClientId
            orderby s.QueuedAt descending
            select new ScanRow(s.Id, s.JobId, d.Id, d.Name, c.Id, c.Name, s.Status, s.Trigger, s.QueuedAt, s.StartedAt,
                s.FinishedAt, s.Score, s.Grade, s.FailureReason);
        var total = await rows.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await rows.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ScanPage(items, total);
    }
}
