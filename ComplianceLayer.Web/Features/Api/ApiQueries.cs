using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Api;

/// <summary>
/// The API's reads. The API key set the tenant, so the query filters confine every query to the key's organization:
/// another organization's job, report or domain is simply not found (404, never 403).
/// </summary>
public sealed class ApiQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int DefaultPageSize = 50;

    public async Task<ScanJobStatus?> FindJobAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await (
            from s in db.Scans.AsNoTracking()
            join d in db.Domains on s.DomainId equals d.Id
            where s.JobId == jobId
            select new { s.JobId, s.Status, d.Name, s.ReportId, s.ReportJson, s.FailureReason }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }
        var completed = row.Status == ScanStatus.Completed;
        return new ScanJobStatus(row.JobId, ApiValues.Of(row.Status), row.Name, completed ? row.ReportId : null,
            completed ? ApiValues.Report(row.ReportJson) : null, row.Status == ScanStatus.Failed ? row.FailureReason : null);
    }

    /// <summary>The report JSON of a completed scan, or null.</summary>
    public async Task<string?> FindReportAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Scans.AsNoTracking()
            .Where(s => s.ReportId == reportId && s.Status == ScanStatus.Completed)
            .Select(s => s.ReportJson)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<ApiPage<ApiDomain>> ListDomainsAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        (page, pageSize) = Normalize(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.Domains.CountAsync(cancellationToken);
        var rows = await (
                from d in db.Domains.AsNoTracking()
                join c in db.Clients on d.ClientId equals c.Id
                orderby d.Name
                let last = db.Scans
                    .Where(s => s.DomainId == d.Id && s.Status == ScanStatus.Completed)
                    .OrderByDescending(s => s.FinishedAt)
                    .FirstOrDefault()
                select new ApiDomain(d.Name, d.DisplayName, c.Name, d.CreatedAt,
                    last == null ? null : last.FinishedAt,
                    last == null ? null : last.Score,
                    last == null ? null : last.Grade,
                    last == null ? null : last.RiskLevel,
                    last == null ? null : last.ReportId))
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new ApiPage<ApiDomain>(rows, page, pageSize, total);
    }

    /// <summary>A domain's scans, newest first; null when the organization does not monitor the domain.</summary>
    public async Task<ApiPage<ApiScan>?> ListScansAsync(DomainName domain, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        (page, pageSize) = Normalize(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var domainId = await db.Domains.Where(d => d.Name == domain.Ascii).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(cancellationToken);
        if (domainId is null)
        {
            return null;
        }
        var scans = db.Scans.AsNoTracking().Where(s => s.DomainId == domainId);
        var total = await scans.CountAsync(cancellationToken);
        var rows = await scans
            .OrderByDescending(s => s.QueuedAt)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new { s.JobId, s.Status, s.Trigger, s.QueuedAt, s.FinishedAt, s.Score, s.Grade, s.RiskLevel, s.ReportId, s.FailureReason })
            .ToListAsync(cancellationToken);
        var items = rows.Select(s => new ApiScan(s.JobId, ApiValues.Of(s.Status), ApiValues.Of(s.Trigger), s.QueuedAt, s.FinishedAt,
            s.Score, s.Grade, s.RiskLevel, s.Status == ScanStatus.Completed ? s.ReportId : null, s.FailureReason)).ToList();
        return new ApiPage<ApiScan>(items, page, pageSize, total);
    }

    private static (int Page, int PageSize) Normalize(int page, int pageSize) =>
        (Math.Max(page, 1), Math.Clamp(pageSize <= 0 ? DefaultPageSize : pageSize, 1, Paging.MaxPageSize));
}
