using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Features.Compliance;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Clients;

/// <summary>The client page's read side: its domains with their latest results, its score trend and its compliance summary.</summary>
public sealed class ClientOverviewQueries(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    ComplianceMatrixQueries matrix,
    TimeProvider time)
{
    public static readonly TimeSpan TrendRange = TimeSpan.FromDays(90);

    /// <summary>A page of the client's domains, each with its latest completed scan (one lateral lookup per row of the page).</summary>
    public async Task<PagedResult<ClientDomainRow>> ListDomainsAsync(Guid clientId, ClientDomainSort sort, bool descending, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var domains = db.Domains.AsNoTracking().Where(d => d.ClientId == clientId)
            .Select(d => new
            {
                d.Id,
                d.Name,
                d.DisplayName,
                Latest = db.Scans
                    .Where(s => s.DomainId == d.Id && s.Status == ScanStatus.Completed)
                    .OrderByDescending(s => s.FinishedAt)
                    .Select(s => new { s.Grade, s.Score, s.FinishedAt })
                    .FirstOrDefault(),
            });
        var total = await db.Domains.CountAsync(d => d.ClientId == clientId, cancellationToken);
        var ordered = (sort, descending) switch
        {
            (ClientDomainSort.Score, false) => domains.OrderBy(d => d.Latest!.Score).ThenBy(d => d.Name),
            (ClientDomainSort.Score, true) => domains.OrderByDescending(d => d.Latest!.Score).ThenBy(d => d.Name),
            (ClientDomainSort.LastScan, false) => domains.OrderBy(d => d.Latest!.FinishedAt).ThenBy(d => d.Name),
            (ClientDomainSort.LastScan, true) => domains.OrderByDescending(d => d.Latest!.FinishedAt).ThenBy(d => d.Name),
            (_, true) => domains.OrderByDescending(d => d.Name),
            _ => domains.OrderBy(d => d.Name),
        };
        var rows = await ordered.Skip(Paging.Skip(page, pageSize)).Take(Paging.Take(pageSize))
            .Select(d => new ClientDomainRow(d.Id, d.Name, d.DisplayName,
                d.Latest == null ? null : d.Latest.Grade,
                d.Latest == null ? null : d.Latest.Score,
                d.Latest == null ? null : d.Latest.FinishedAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<ClientDomainRow>(rows, total);
    }

    /// <summary>
    /// The client's average score per UTC day over the last 90 days. Definition: for each day on which at least one of the client's
    /// domains completed a scan, the mean of those domains' scores that day, each domain counted once with its last score of the
    /// day (so a domain scanned five times in a day does not outweigh the others). Days without scans have no point. Computed in SQL.
    /// </summary>
    public async Task<IReadOnlyList<ClientTrendPoint>> GetTrendAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        var organizationId = member.OrganizationId;
        var start = time.GetUtcNow() - TrendRange;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Raw SQL bypasses the tenant query filter, so the organization is a condition on both tables.
        var rows = await db.Database.SqlQuery<TrendRow>($"""
            SELECT t.day AS "Day", avg(t."Score")::float8 AS "AverageScore", count(*)::int AS "Domains"
            FROM (
                SELECT DISTINCT ON (s."DomainId", date_trunc('day', s."FinishedAt", 'UTC'))
                       date_trunc('day', s."FinishedAt", 'UTC') AS day, s."Score"
                FROM scans s
                JOIN domains d ON d."Id" = s."DomainId" AND d."OrganizationId" = {organizationId}
                WHERE s."OrganizationId" = {organizationId} AND d."ClientId" = {clientId} AND s."Status" = 'Completed'
                  AND s."FinishedAt" >= {start} AND s."Score" IS NOT NULL
                ORDER BY s."DomainId", date_trunc('day', s."FinishedAt", 'UTC'), s."FinishedAt" DESC
            ) t
            GROUP BY t.day
            ORDER BY t.day
            """).ToListAsync(cancellationToken);
        return rows.Select(r => new ClientTrendPoint(r.Day, Math.Round(r.AverageScore, 1), r.Domains)).ToList();
    }

    /// <summary>Per framework: the client's controls that pass, fail or are not assessed, aggregated over its domains as the matrix does.</summary>
    public async Task<IReadOnlyList<FrameworkSummary>> GetComplianceSummaryAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var summaries = new List<FrameworkSummary>();
        foreach (var framework in ComplianceFrameworks.All)
        {
            var data = await matrix.GetAsync(new MatrixQuery(framework, MatrixMode.Clients, ClientId: clientId, PageSize: 1), cancellationToken);
            var column = data.Columns.SingleOrDefault();
            var statuses = data.Rows.Select(r => column?.CellFor(r.Control).Status ?? ControlStatus.NotAssessed).ToList();
            summaries.Add(new FrameworkSummary(framework, data.FrameworkName,
                statuses.Count(s => s == ControlStatus.Pass), statuses.Count(s => s == ControlStatus.Fail), statuses.Count(s => s == ControlStatus.NotAssessed)));
        }
        return summaries;
    }

    internal sealed class TrendRow
    {
        public DateTimeOffset Day { get; init; }

        public double AverageScore { get; init; }

        public int Domains { get; init; }
    }
}
