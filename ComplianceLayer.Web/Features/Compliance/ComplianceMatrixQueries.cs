using System.Text.Json;
using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceLayer.Web.Features.Compliance;

/// <summary>
/// The compliance matrix of one framework: its controls as rows, a page of domains or clients as columns, each cell from the
/// latest completed scan of each domain; and the findings behind one cell. Tenant-scoped (see <see cref="ComplianceMatrixSql"/>).
/// </summary>
public sealed class ComplianceMatrixQueries(CurrentMember currentMember, IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Cap on the findings a drill-down lists (a client with many failing domains).</summary>
    public const int MaxFindings = 500;

    public async Task<MatrixData> GetAsync(MatrixQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = ComplianceMatrixSql.Rows(ComplianceCatalogue.Default, query.Framework);
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var parameters = ComplianceMatrixSql.ColumnParameters(member, query, rows,
            Paging.Take(query.PageSize), Paging.Skip(query.Page, query.PageSize));
        var found = await db.Database
            .SqlQueryRaw<ComplianceMatrixSql.ColumnRow>(ComplianceMatrixSql.Columns(query.Mode), parameters.Cast<object>().ToArray())
            .ToListAsync(cancellationToken);
        var name = ComplianceCatalogue.Default.Frameworks.Single(f => f.Key == query.Framework).Name;
        return new MatrixData(query.Framework, name, query.Mode, rows, found.Select(ToColumn).ToList(),
            found.FirstOrDefault()?.Total ?? 0, found.FirstOrDefault()?.ScannedColumns ?? 0);
    }

    /// <summary>
    /// Every column of the matrix (no paging), read one row at a time as the database sends them, for the CSV export. Each column
    /// carries only its cell counts, never a report.
    /// </summary>
    public async IAsyncEnumerable<MatrixColumn> StreamColumnsAsync(MatrixQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = ComplianceMatrixSql.Rows(ComplianceCatalogue.Default, query.Framework);
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var parameters = ComplianceMatrixSql.ColumnParameters(member, query, rows, take: null, skip: 0);
        await foreach (var row in db.Database
            .SqlQueryRaw<ComplianceMatrixSql.ColumnRow>(ComplianceMatrixSql.Columns(query.Mode), parameters.Cast<object>().ToArray())
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            yield return ToColumn(row);
        }
    }

    /// <summary>
    /// The findings that make <paramref name="control"/> fail for a domain column (its latest completed scan) or a client column
    /// (the latest completed scan of each of its domains), worst first per domain. Empty when the cell does not fail.
    /// </summary>
    public async Task<IReadOnlyList<CellFinding>> GetFindingsAsync(string framework, MatrixMode mode, Guid columnId, string control,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        ComplianceMatrixSql.Rows(ComplianceCatalogue.Default, framework);
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        NpgsqlParameter[] parameters =
        [
            new("org", NpgsqlDbType.Uuid) { Value = member.OrganizationId },
            new("framework", NpgsqlDbType.Text) { Value = framework },
            new("column", NpgsqlDbType.Uuid) { Value = columnId },
            new("by_client", NpgsqlDbType.Boolean) { Value = mode == MatrixMode.Clients },
            new("control", NpgsqlDbType.Text) { Value = control },
            new("take", NpgsqlDbType.Integer) { Value = MaxFindings },
        ];
        return await db.Database.SqlQueryRaw<CellFinding>(ComplianceMatrixSql.Findings, parameters.Cast<object>().ToArray())
            .ToListAsync(cancellationToken);
    }

    private static MatrixColumn ToColumn(ComplianceMatrixSql.ColumnRow row)
    {
        var cells = new Dictionary<string, MatrixCell>(StringComparer.Ordinal);
        if (row.Cells is not null)
        {
            using var document = JsonDocument.Parse(row.Cells);
            foreach (var cell in document.RootElement.EnumerateArray())
            {
                cells[cell[0].GetString()!] = MatrixCell.From(cell[1].GetInt32(), cell[2].GetInt32(), row.Domains);
            }
        }
        return new MatrixColumn(row.Id, row.Name, row.Detail, row.ClientId, row.ScannedAt, row.Domains, row.Assessed, row.FailingControls, cells);
    }
}
