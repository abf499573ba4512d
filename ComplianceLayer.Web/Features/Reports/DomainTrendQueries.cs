using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Reports;

/// <summary>One completed scan on a trend: when it finished, its overall score and each module's score (null: not scored).</summary>
public sealed record DomainTrendPoint(DateTimeOffset FinishedAt, int? Score, IReadOnlyDictionary<string, int?> ModuleScores);

/// <summary>A domain's completed scans in a date range, oldest first, and the modules that appear in them.</summary>
public sealed record DomainTrend(IReadOnlyList<DomainTrendPoint> Points, IReadOnlyList<string> Modules);

/// <summary>
/// Score history of one domain for the trend chart. Module scores are read in SQL from the jsonb report
/// (<c>"ReportJson"-&gt;'modules'</c>), so only dates and numbers leave the database, and at most <see cref="MaxPoints"/> scans.
/// </summary>
public sealed class DomainTrendQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPoints = 200;

    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(90);

    public async Task<DomainTrend> GetAsync(Guid domainId, DateTimeOffset? from = null, DateTimeOffset? to = null,
        int maxPoints = MaxPoints, CancellationToken cancellationToken = default)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        var end = (to ?? time.GetUtcNow()).ToUniversalTime();
        var start = (from ?? end - DefaultRange).ToUniversalTime();
        var limit = Math.Clamp(maxPoints, 1, MaxPoints);
        var organizationId = member.OrganizationId;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Raw SQL bypasses the tenant query filter, so the organization is a condition here. The newest scans win the limit.
        var rows = await db.Database.SqlQuery<TrendRow>($"""
            SELECT t."Id" AS "ScanId", t."FinishedAt", t."Score", m.key AS "Module", (m.value ->> 'score')::int AS "ModuleScore"
            FROM (
                SELECT s."Id", s."FinishedAt", s."Score", s."ReportJson"
                FROM scans s
                WHERE s."OrganizationId" = {organizationId} AND s."DomainId" = {domainId} AND s."Status" = 'Completed'
                  AND s."FinishedAt" >= {start} AND s."FinishedAt" <= {end}
                ORDER BY s."FinishedAt" DESC
                LIMIT {limit}
            ) t
            LEFT JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(t."ReportJson" -> 'modules') = 'object'
                                              THEN t."ReportJson" -> 'modules' END) m ON TRUE
            """).ToListAsync(cancellationToken);

        var points = rows
            .Where(r => r.FinishedAt is not null)
            .GroupBy(r => r.ScanId)
            .Select(g => new DomainTrendPoint(
                g.First().FinishedAt!.Value,
                g.First().Score,
                g.Where(r => r.Module is not null).ToDictionary(r => r.Module!, r => r.ModuleScore, StringComparer.Ordinal)))
            .OrderBy(p => p.FinishedAt)
            .ToList();
        var modules = points.SelectMany(p => p.ModuleScores.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new DomainTrend(points, modules);
    }

    internal sealed class TrendRow
    {
        public Guid ScanId { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }

        public int? Score { get; init; }

        public string? Module { get; init; }

        public int? ModuleScore { get; init; }
    }
}
