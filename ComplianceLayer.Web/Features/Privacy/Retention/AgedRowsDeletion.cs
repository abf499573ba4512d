using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy.Retention;

/// <summary>A table whose rows a retention rule deletes by age, and how the audit event that counts them reads.</summary>
public sealed record AgedRows(string Table, string Action, string EntityType);

/// <summary>
/// Deletes a table's rows older than a cutoff for every organization at once and writes, in each organization that lost
/// rows, an audit event with the count — one statement, so the counts and the deletion cannot disagree. The age rule is
/// the same for every tenant, which is why this maintenance statement deliberately spans organizations.
/// </summary>
public static class AgedRowsDeletion
{
    public static Task<List<RetentionCount>> RunAsync(
        AppDbContext db, AgedRows rows, DateTimeOffset cutoff, DateTimeOffset now, string summary, CancellationToken cancellationToken) =>
        // Table, action and entity type are constants of this feature (never input); cutoff, time and summary are parameters.
#pragma warning disable EF1002
        db.Database.SqlQueryRaw<RetentionCount>($"""
            WITH deleted AS (
                DELETE FROM {rows.Table} WHERE "OccurredAt" < @p0 RETURNING "OrganizationId"),
            counts AS (
                SELECT "OrganizationId", count(*)::int AS "Rows" FROM deleted GROUP BY "OrganizationId"),
            audit AS (
                INSERT INTO audit_events ("OrganizationId", "OccurredAt", "Actor", "Action", "EntityType", "Summary")
                SELECT "OrganizationId", @p1, 'system', '{rows.Action}', '{rows.EntityType}', 'Deleted ' || "Rows" || @p2
                FROM counts)
            SELECT "OrganizationId", "Rows" FROM counts
            """, new Npgsql.NpgsqlParameter("p0", cutoff), new Npgsql.NpgsqlParameter("p1", now), new Npgsql.NpgsqlParameter("p2", summary))
#pragma warning restore EF1002
            .ToListAsync(cancellationToken);
}
