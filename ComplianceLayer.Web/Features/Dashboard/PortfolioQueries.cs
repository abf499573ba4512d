using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Dashboard;

/// <summary>
/// The portfolio dashboard's numbers, all computed in PostgreSQL in four statements (counts, per-domain latest scans,
/// active scans, and the time zone). "Latest completed scan of a domain" is a LATERAL lookup on
/// <c>ix_scans_completed_by_domain</c> (see <see cref="PortfolioLatestQuery"/>), so the cost grows with the number of
/// domains, not of scans. Raw SQL bypasses the tenant query filter: every statement filters by the organization id.
/// </summary>
public sealed class PortfolioQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public const int TopCount = 10;

    public const int ActiveLimit = 20;

    public const int StaleAfterDays = 30;

    public async Task<PortfolioOverview> GetAsync(CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        var org = member.OrganizationId;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var timeZone = await db.Organizations.Where(o => o.Id == org).Select(o => o.TimeZone).SingleAsync(cancellationToken);
        var now = time.GetUtcNow();
        var counts = await CountsAsync(db, org, PortfolioPeriod.MonthStart(now, timeZone), cancellationToken);
        var latest = await PortfolioLatestQuery.RunAsync(db, org, now.AddDays(-StaleAfterDays), TopCount, StaleAfterDays, cancellationToken);
        var active = await ActiveAsync(db, org, cancellationToken);
        return new PortfolioOverview(counts, latest.Grades, latest.Worst, latest.Drops, active, latest.Attention);
    }

    /// <summary>
    /// Scans this month are counted per domain on the (OrganizationId, DomainId, QueuedAt) index: 1,000 index-only range
    /// scans instead of a sequential scan of every scan row (EXPLAIN with 50,000 scans: about 3 times faster).
    /// </summary>
    private static Task<PortfolioCounts> CountsAsync(AppDbContext db, Guid org, DateTimeOffset monthStart, CancellationToken ct) =>
        db.Database.SqlQuery<PortfolioCounts>($"""
            SELECT (SELECT count(*) FROM clients WHERE "OrganizationId" = {org})::int AS "Clients",
                   (SELECT count(*) FROM domains WHERE "OrganizationId" = {org})::int AS "Domains",
                   (SELECT COALESCE(sum(n.c), 0) FROM domains d CROSS JOIN LATERAL (
                        SELECT count(*) AS c FROM scans s
                        WHERE s."OrganizationId" = d."OrganizationId" AND s."DomainId" = d."Id" AND s."QueuedAt" >= {monthStart}) n
                    WHERE d."OrganizationId" = {org})::int AS "ScansThisMonth",
                   (SELECT count(*) FROM scans WHERE "OrganizationId" = {org} AND "Status" IN ('Queued', 'Running'))::int AS "ScansActive"
            """).SingleAsync(ct);

    private static Task<List<ActiveScanRow>> ActiveAsync(AppDbContext db, Guid org, CancellationToken ct) =>
        db.Database.SqlQuery<ActiveScanRow>($"""
            SELECT s."Id" AS "ScanId", d."Id" AS "DomainId", d."DisplayName" AS "DomainName", c."Name" AS "ClientName",
                   s."Status" AS "StatusName", COALESCE(s."StartedAt", s."QueuedAt") AS "Since"
            FROM scans s
            JOIN domains d ON d."Id" = s."DomainId"
            JOIN clients c ON c."Id" = d."ClientId"
            WHERE s."OrganizationId" = {org} AND s."Status" IN ('Queued', 'Running')
            ORDER BY s."Status" DESC, COALESCE(s."StartedAt", s."QueuedAt"), d."Name"
            LIMIT {ActiveLimit}
            """).ToListAsync(ct);
}
