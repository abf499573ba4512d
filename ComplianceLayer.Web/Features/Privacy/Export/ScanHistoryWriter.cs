using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>Reports progress every so many rows; the job stores it, the direct download ignores it.</summary>
public delegate Task ExportProgress(int rowsDone, CancellationToken cancellationToken);

/// <summary>
/// Streams an organization's completed scans from PostgreSQL straight to a stream, one row at a time (a data reader in
/// sequential mode), so that 50,000 scans never sit in memory. Module scores and issue counts are read from the jsonb
/// report in SQL. Every query filters by the organization id explicitly: callers check the member's capability.
/// </summary>
public sealed class ScanHistoryWriter(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int ProgressEvery = 500;

    public static readonly IReadOnlyList<string> Severities = ["critical", "high", "medium", "low", "info"];

    public static IReadOnlyList<string> CsvHeader { get; } =
        ["domain", "client", "scanned_at", "score", "grade", "risk_level",
         .. ModuleKeys.All, .. Severities.Select(s => $"issues_{s}")];

    public async Task<int> CountAsync(Guid organizationId, ScanExportFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var command = await CommandAsync(db, "SELECT count(*)", organizationId, filter, orderBy: false, cancellationToken);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public Task<int> WriteAsync(Guid organizationId, ScanExportFilter filter, ExportFormat format, Stream output,
        ExportProgress? progress, CancellationToken cancellationToken) => format == ExportFormat.Csv
        ? WriteCsvAsync(organizationId, filter, output, progress, cancellationToken)
        : WriteJsonAsync(organizationId, filter, output, progress, cancellationToken);

    public async Task<int> WriteCsvAsync(Guid organizationId, ScanExportFilter filter, Stream output, ExportProgress? progress,
        CancellationToken cancellationToken)
    {
        var modules = string.Join(", ", ModuleKeys.All.Select((_, i) => $"s.\"ReportJson\"->'modules'->@m{i}->>'score'"));
        var counts = string.Join(", ", Severities.Select((_, i) => $"count(*) FILTER (WHERE i->>'severity' = @s{i})"));
        var select = $"""
            SELECT d."Name", c."Name", s."FinishedAt", s."Score", s."Grade", s."RiskLevel", {modules}, ic.*
            """;
        var lateral = $"""
            LEFT JOIN LATERAL (SELECT {counts} FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s."ReportJson"->'issues') = 'array'
                THEN s."ReportJson"->'issues' ELSE '[]'::jsonb END) i) ic ON true
            """;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var command = await CommandAsync(db, select, organizationId, filter, orderBy: true, cancellationToken, lateral);
        for (var i = 0; i < ModuleKeys.All.Count; i++)
        {
            command.Parameters.AddWithValue($"m{i}", ModuleKeys.All[i]);
        }
        for (var i = 0; i < Severities.Count; i++)
        {
            command.Parameters.AddWithValue($"s{i}", Severities[i]);
        }

        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(CsvCell.Line(CsvHeader));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        var cells = new string?[CsvHeader.Count];
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    DateTime at => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                    var value => value.ToString(),
                };
            }
            await writer.WriteAsync(CsvCell.Line(cells));
            rows++;
            if (progress is not null && rows % ProgressEvery == 0)
            {
                await progress(rows, cancellationToken);
            }
        }
        await writer.FlushAsync(cancellationToken);
        return rows;
    }

    /// <summary>A JSON array of the full reports, each in the report contract's field order.</summary>
    public async Task<int> WriteJsonAsync(Guid organizationId, ScanExportFilter filter, Stream output, ExportProgress? progress,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var command = await CommandAsync(db, "SELECT s.\"ReportJson\"::text", organizationId, filter, orderBy: true, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
            {
                json.WriteRawValue(StoredReport.ToContractJson(reader.GetString(0)));
            }
            rows++;
            if (json.BytesPending > 1 << 16)
            {
                await json.FlushAsync(cancellationToken);
            }
            if (progress is not null && rows % ProgressEvery == 0)
            {
                await progress(rows, cancellationToken);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return rows;
    }

    private static async Task<NpgsqlCommand> CommandAsync(AppDbContext db, string select, Guid organizationId, ScanExportFilter filter,
        bool orderBy, CancellationToken cancellationToken, string lateral = "")
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var command = connection.CreateCommand();
        var sql = new StringBuilder(select).Append("""

            FROM scans s
            JOIN domains d ON d."Id" = s."DomainId"
            JOIN clients c ON c."Id" = d."ClientId"

            """).Append(lateral).Append("""

            WHERE s."OrganizationId" = @org AND d."OrganizationId" = @org AND s."Status" = 'Completed' AND s."ReportJson" IS NOT NULL
            """);
        command.Parameters.AddWithValue("org", organizationId);
        switch (filter.Scope)
        {
            case ExportScope.Domain:
                sql.Append(" AND s.\"DomainId\" = @scope");
                command.Parameters.AddWithValue("scope", filter.ScopeId ?? Guid.Empty);
                break;
            case ExportScope.Client:
                sql.Append(" AND d.\"ClientId\" = @scope");
                command.Parameters.AddWithValue("scope", filter.ScopeId ?? Guid.Empty);
                break;
        }
        if (filter.FromUtc is { } from)
        {
            sql.Append(" AND s.\"FinishedAt\" >= @from");
            command.Parameters.AddWithValue("from", from);
        }
        if (filter.ToUtcExclusive is { } to)
        {
            sql.Append(" AND s.\"FinishedAt\" < @to");
            command.Parameters.AddWithValue("to", to);
        }
        if (orderBy)
        {
            sql.Append(" ORDER BY s.\"FinishedAt\", s.\"Id\"");
        }
        command.CommandText = sql.ToString();
        return command;
    }
}
