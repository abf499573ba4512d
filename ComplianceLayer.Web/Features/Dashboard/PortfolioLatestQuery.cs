using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Dashboard;

/// <summary>
/// Grade distribution, worst domains, biggest drops and never-scanned/stale domains in one statement: each domain's latest
/// and previous completed scans are looked up once (two LATERAL probes of <c>ix_scans_completed_by_domain</c> per domain,
/// materialised), and every widget is a small aggregate over that. Rows are tagged with their widget and rank.
/// </summary>
internal static class PortfolioLatestQuery
{
    public sealed record Result(
        IReadOnlyList<GradeCount> Grades, IReadOnlyList<DomainScoreRow> Worst, IReadOnlyList<ScoreDropRow> Drops, NeedsAttention Attention);

    public static async Task<Result> RunAsync(AppDbContext db, Guid org, DateTimeOffset staleBefore, int top, int staleAfterDays, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH latest AS MATERIALIZED (
                SELECT d."Id" AS id, d."DisplayName" AS name, d."Name" AS sort, c."Name" AS client, d."CreatedAt" AS added,
                       l."Score" AS score, l."Grade" AS grade, l."RiskLevel" AS risk, l."FinishedAt" AS at,
                       p."Score" AS prev_score, p."Grade" AS prev_grade
                FROM domains d
                JOIN clients c ON c."Id" = d."ClientId"
                LEFT JOIN LATERAL (
                    SELECT s."Score", s."Grade", s."RiskLevel", s."FinishedAt" FROM scans s
                    WHERE s."DomainId" = d."Id" AND s."Status" = 'Completed'
                    ORDER BY s."FinishedAt" DESC LIMIT 1) l ON TRUE
                LEFT JOIN LATERAL (
                    SELECT s."Score", s."Grade" FROM scans s
                    WHERE s."DomainId" = d."Id" AND s."Status" = 'Completed'
                    ORDER BY s."FinishedAt" DESC OFFSET 1 LIMIT 1) p ON l."FinishedAt" IS NOT NULL
                WHERE d."OrganizationId" = {org}
            ), flagged AS (
                SELECT f.*, count(*) OVER (PARTITION BY f.at IS NULL)::int AS total,
                       row_number() OVER (PARTITION BY f.at IS NULL ORDER BY COALESCE(f.at, f.added), f.sort)::int AS rn
                FROM latest f WHERE f.at IS NULL OR f.at < {staleBefore}
            )
            SELECT 'grade' AS "Kind", 0 AS "Rank", NULL::uuid AS "DomainId", NULL AS "DomainName", NULL AS "ClientName",
                   NULL::int AS "Score", grade AS "Grade", NULL AS "RiskLevel", NULL::timestamptz AS "At",
                   NULL::int AS "PreviousScore", NULL AS "PreviousGrade", NULL::timestamptz AS "AddedAt", count(*)::int AS "Total"
            FROM latest GROUP BY grade
            UNION ALL
            SELECT * FROM (
                SELECT 'worst', row_number() OVER (ORDER BY score, at DESC, sort)::int, id, name, client, score, grade, risk, at,
                       NULL::int, NULL, added, 0
                FROM latest WHERE score IS NOT NULL ORDER BY score, at DESC, sort LIMIT {top}) w
            UNION ALL
            SELECT * FROM (
                SELECT 'drop', row_number() OVER (ORDER BY score - prev_score, at DESC, sort)::int, id, name, client, score, grade, risk, at,
                       prev_score, prev_grade, added, 0
                FROM latest WHERE score < prev_score ORDER BY score - prev_score, at DESC, sort LIMIT {top}) dr
            UNION ALL
            SELECT CASE WHEN at IS NULL THEN 'never' ELSE 'stale' END, rn, id, name, client, score, grade, risk, at,
                   NULL::int, NULL, added, total
            FROM flagged WHERE rn <= {top}
            """).ToListAsync(ct);

        var byKind = rows.OrderBy(r => r.Rank).ToLookup(r => r.Kind, StringComparer.Ordinal);
        return new Result(
            byKind["grade"].Select(r => new GradeCount { Grade = r.Grade, Domains = r.Total }).ToList(),
            byKind["worst"].Select(r => new DomainScoreRow
            {
                DomainId = r.DomainId!.Value, DomainName = r.DomainName!, ClientName = r.ClientName!, Score = r.Score!.Value,
                Grade = r.Grade!, RiskLevel = r.RiskLevel!, ScannedAt = r.At!.Value,
            }).ToList(),
            byKind["drop"].Select(r => new ScoreDropRow
            {
                DomainId = r.DomainId!.Value, DomainName = r.DomainName!, ClientName = r.ClientName!, Score = r.Score!.Value, Grade = r.Grade!,
                PreviousScore = r.PreviousScore!.Value, PreviousGrade = r.PreviousGrade!, ScannedAt = r.At!.Value,
            }).ToList(),
            new NeedsAttention(Attention(byKind["never"]), Attention(byKind["stale"]), staleAfterDays));
    }

    private static AttentionList Attention(IEnumerable<Row> kind)
    {
        var rows = kind.ToList();
        return rows.Count == 0 ? AttentionList.Empty : new AttentionList(rows[0].Total, rows.Select(r => new AttentionRow
        {
            DomainId = r.DomainId!.Value, DomainName = r.DomainName!, ClientName = r.ClientName!, AddedAt = r.AddedAt!.Value, LastScannedAt = r.At,
        }).ToList());
    }

    internal sealed class Row
    {
        public string Kind { get; init; } = "";

        public int Rank { get; init; }

        public Guid? DomainId { get; init; }

        public string? DomainName { get; init; }

        public string? ClientName { get; init; }

        public int? Score { get; init; }

        public string? Grade { get; init; }

        public string? RiskLevel { get; init; }

        public DateTimeOffset? At { get; init; }

        public int? PreviousScore { get; init; }

        public string? PreviousGrade { get; init; }

        public DateTimeOffset? AddedAt { get; init; }

        public int Total { get; init; }
    }
}
