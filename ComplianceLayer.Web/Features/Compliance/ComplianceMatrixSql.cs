using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceLayer.Web.Features.Compliance;

/// <summary>
/// The matrix in SQL. Raw SQL bypasses the tenant query filter, so every table is filtered by <c>@org</c> explicitly. Per domain only
/// the latest completed scan counts (<c>ix_scans_completed_by_domain</c>), and of its report only the framework's array
/// (<c>"ReportJson" -&gt; 'compliance' -&gt; @framework</c>) is read; the database turns it into (column, control, failing, passing)
/// counts, so no report leaves it.
/// </summary>
internal static class ComplianceMatrixSql
{
    /// <summary>
    /// Column rows, most failing controls first, then by name; <c>@take</c> null means every column (the CSV export).
    /// Domains never scanned are columns too (every cell not assessed): leaving them out would make the matrix look better covered
    /// than it is, which is the wrong way round for audit evidence.
    /// </summary>
    public static string Columns(MatrixMode mode) => mode == MatrixMode.Domains ? DomainColumns : ClientColumns;

    private const string Latest = """
        WITH latest AS (
            SELECT d."Id" AS domain_id, d."ClientId" AS client_id, l."FinishedAt" AS finished_at,
                   CASE WHEN jsonb_typeof(l.entries) = 'array' THEN l.entries ELSE '[]'::jsonb END AS entries
            FROM domains d
            LEFT JOIN LATERAL (
                SELECT s."FinishedAt", s."ReportJson" -> 'compliance' -> @framework AS entries
                FROM scans s
                WHERE s."OrganizationId" = @org AND s."DomainId" = d."Id" AND s."Status" = 'Completed'
                ORDER BY s."FinishedAt" DESC
                LIMIT 1) l ON TRUE
            WHERE d."OrganizationId" = @org AND (@client IS NULL OR d."ClientId" = @client) {0}
        ),
        cells AS (
            SELECT l.{1} AS column_id, e ->> 'control' AS control,
                   count(*) FILTER (WHERE e ->> 'status' = 'fail') AS failing,
                   count(*) FILTER (WHERE e ->> 'status' = 'pass') AS passing
            FROM latest l CROSS JOIN LATERAL jsonb_array_elements(l.entries) e
            WHERE e ->> 'control' = ANY(@controls)
            GROUP BY 1, 2
        ),
        agg AS (
            SELECT column_id, count(*) FILTER (WHERE failing > 0) AS failing_controls,
                   jsonb_agg(jsonb_build_array(control, failing, passing)) AS cells
            FROM cells GROUP BY column_id
        )
        """;

    private static string LatestFor(string columnKey, string domainFilter) =>
        Latest.Replace("{0}", domainFilter, StringComparison.Ordinal).Replace("{1}", columnKey, StringComparison.Ordinal);

    private static readonly string DomainColumns = LatestFor("domain_id",
        """AND (@pattern IS NULL OR d."Name" ILIKE @pattern ESCAPE '\' OR d."DisplayName" ILIKE @pattern ESCAPE '\')""") + """
        SELECT d."Id" AS "Id", d."DisplayName" AS "Name", c."Name" AS "Detail", d."ClientId" AS "ClientId", l.finished_at AS "ScannedAt",
               1 AS "Domains", CASE WHEN l.finished_at IS NULL THEN 0 ELSE 1 END AS "Assessed",
               COALESCE(a.failing_controls, 0)::int AS "FailingControls", a.cells::text AS "Cells", (count(*) OVER ())::int AS "Total",
               (count(l.finished_at) OVER ())::int AS "ScannedColumns"
        FROM latest l
        JOIN domains d ON d."Id" = l.domain_id AND d."OrganizationId" = @org
        JOIN clients c ON c."Id" = d."ClientId" AND c."OrganizationId" = @org
        LEFT JOIN agg a ON a.column_id = l.domain_id
        ORDER BY "FailingControls" DESC, d."Name", d."Id"
        LIMIT @take OFFSET @skip
        """;

    private static readonly string ClientColumns = LatestFor("client_id", "") + """
        , stats AS (
            SELECT client_id, count(*) AS domains, count(finished_at) AS assessed, max(finished_at) AS scanned_at
            FROM latest GROUP BY client_id
        )
        SELECT c."Id" AS "Id", c."Name" AS "Name", NULL::text AS "Detail", NULL::uuid AS "ClientId", st.scanned_at AS "ScannedAt",
               COALESCE(st.domains, 0)::int AS "Domains", COALESCE(st.assessed, 0)::int AS "Assessed",
               COALESCE(a.failing_controls, 0)::int AS "FailingControls", a.cells::text AS "Cells", (count(*) OVER ())::int AS "Total",
               (count(st.scanned_at) OVER ())::int AS "ScannedColumns"
        FROM clients c
        LEFT JOIN stats st ON st.client_id = c."Id"
        LEFT JOIN agg a ON a.column_id = c."Id"
        WHERE c."OrganizationId" = @org AND (@client IS NULL OR c."Id" = @client)
          AND (@pattern IS NULL OR c."Name" ILIKE @pattern ESCAPE '\')
        ORDER BY "FailingControls" DESC, c."Name", c."Id"
        LIMIT @take OFFSET @skip
        """;

    /// <summary>
    /// The failing, non-info issues of the latest completed scan of each domain of the column whose codes the control's entry lists:
    /// exactly the findings that made the cell fail (the mapper ignores info issues too).
    /// </summary>
    public const string Findings = """
        SELECT d."Id" AS "DomainId", d."DisplayName" AS "DomainName", l."FinishedAt" AS "ScannedAt",
               i ->> 'code' AS "Code", i ->> 'severity' AS "Severity", COALESCE(i ->> 'finding', '') AS "Finding",
               COALESCE(i ->> 'evidence', '') AS "Evidence", COALESCE(i ->> 'remediation', '') AS "Remediation"
        FROM domains d
        CROSS JOIN LATERAL (
            SELECT s."FinishedAt", s."ReportJson" -> 'issues' AS issues, s."ReportJson" -> 'compliance' -> @framework AS entries
            FROM scans s
            WHERE s."OrganizationId" = @org AND s."DomainId" = d."Id" AND s."Status" = 'Completed'
            ORDER BY s."FinishedAt" DESC
            LIMIT 1) l
        CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(l.issues) = 'array' THEN l.issues ELSE '[]'::jsonb END) i
        WHERE d."OrganizationId" = @org AND CASE WHEN @by_client THEN d."ClientId" = @column ELSE d."Id" = @column END
          AND i ->> 'severity' <> 'info'
          AND (i ->> 'code') IN (
              SELECT jsonb_array_elements_text(e -> 'findings')
              FROM jsonb_array_elements(CASE WHEN jsonb_typeof(l.entries) = 'array' THEN l.entries ELSE '[]'::jsonb END) e
              WHERE e ->> 'control' = @control AND e ->> 'status' = 'fail' AND jsonb_typeof(e -> 'findings') = 'array')
        ORDER BY d."Name", CASE i ->> 'severity' WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END,
                 i ->> 'code', i ->> 'evidence'
        LIMIT @take
        """;

    public static NpgsqlParameter[] ColumnParameters(MemberContext member, MatrixQuery query, IReadOnlyList<MatrixRow> rows, int? take, int skip) =>
    [
        new("org", NpgsqlDbType.Uuid) { Value = member.OrganizationId },
        new("framework", NpgsqlDbType.Text) { Value = query.Framework },
        new("client", NpgsqlDbType.Uuid) { Value = (object?)query.ClientId ?? DBNull.Value },
        new("pattern", NpgsqlDbType.Text) { Value = (object?)Paging.ContainsPattern(query.Search) ?? DBNull.Value },
        new("controls", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Control).ToArray() },
        new("take", NpgsqlDbType.Integer) { Value = (object?)take ?? DBNull.Value },
        new("skip", NpgsqlDbType.Integer) { Value = skip },
    ];

    /// <summary>One column as the SQL returns it; <see cref="Cells"/> is a JSON array of [control, failing, passing].</summary>
    internal sealed class ColumnRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string? Detail { get; init; }

        public Guid? ClientId { get; init; }

        public DateTimeOffset? ScannedAt { get; init; }

        public int Domains { get; init; }

        public int Assessed { get; init; }

        public int FailingControls { get; init; }

        public string? Cells { get; init; }

        public int Total { get; init; }

        /// <summary>How many of all matching columns have at least one completed scan.</summary>
        public int ScannedColumns { get; init; }
    }

    /// <summary>The framework's controls that our checks touch, in natural control order, each with its strongest mapping.</summary>
    public static IReadOnlyList<MatrixRow> Rows(ComplianceCatalogue catalogue, string framework)
    {
        if (!catalogue.TryGetFramework(framework, out var definition))
        {
            throw new ValidationFailedException($"Unknown framework '{framework}': expected one of {string.Join(", ", ComplianceFrameworks.All)}.");
        }
        return definition.Controls
            .Select(c => (Control: c, Mappings: catalogue.Mappings.Where(m => m.Framework == framework && m.Control == c.Id).ToList()))
            .Where(c => c.Mappings.Count > 0)
            .Select(c => new MatrixRow(c.Control.Id, c.Control.Title,
                c.Mappings.Any(m => m.Strength == Domain.Reports.MappingStrength.Direct) ? Domain.Reports.MappingStrength.Direct : Domain.Reports.MappingStrength.Supporting))
            .OrderBy(r => r.Control, ControlIdComparer.Instance)
            .ToList();
    }
}
