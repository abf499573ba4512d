using ComplianceLayer.Domain.Reports;

namespace ComplianceLayer.Web.Features.Compliance;

/// <summary>What the matrix's columns are: one per domain, or one per client aggregating its domains.</summary>
public enum MatrixMode
{
    Domains,
    Clients,
}

/// <summary>A page of matrix columns for one framework; <paramref name="ClientId"/> keeps only that client's domains.</summary>
public sealed record MatrixQuery(string Framework, MatrixMode Mode, string? Search = null, Guid? ClientId = null, int Page = 0, int PageSize = MatrixQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
}

/// <summary>A control of the framework that our checks touch, with the strongest mapping the catalogue has for it.</summary>
public sealed record MatrixRow(string Control, string Title, MappingStrength Strength);

/// <summary>
/// One cell: <see cref="Failing"/> and <see cref="Passing"/> count the column's domains whose latest completed scan failed or passed
/// the control (0 or 1 for a domain column), out of <see cref="Domains"/>.
/// </summary>
public sealed record MatrixCell(ControlStatus Status, int Failing, int Passing, int Domains)
{
    public static MatrixCell From(int failing, int passing, int domains) =>
        new(failing > 0 ? ControlStatus.Fail : passing > 0 ? ControlStatus.Pass : ControlStatus.NotAssessed, failing, passing, domains);
}

/// <summary>
/// A domain (with its client as <see cref="Detail"/>) or a client. <see cref="ScannedAt"/> is when the column's latest completed scan
/// finished (for a client, the newest of its domains'); null when never scanned. Controls missing from <see cref="Cells"/> are not assessed.
/// </summary>
public sealed record MatrixColumn(
    Guid Id,
    string Name,
    string? Detail,
    Guid? ClientId,
    DateTimeOffset? ScannedAt,
    int Domains,
    int AssessedDomains,
    int FailingControls,
    IReadOnlyDictionary<string, MatrixCell> Cells)
{
    public MatrixCell CellFor(string control) =>
        Cells.TryGetValue(control, out var cell) ? cell : new MatrixCell(ControlStatus.NotAssessed, 0, 0, Domains);
}

/// <summary>
/// One page of the matrix: every row, a page of columns, how many columns match in all and how many of those have a completed scan.
/// </summary>
public sealed record MatrixData(
    string Framework,
    string FrameworkName,
    MatrixMode Mode,
    IReadOnlyList<MatrixRow> Rows,
    IReadOnlyList<MatrixColumn> Columns,
    int TotalColumns,
    int ScannedColumns);

/// <summary>The cell a user opened: which column, which control, and what the cell says.</summary>
public sealed record MatrixCellSelection(MatrixColumn Column, MatrixRow Row, MatrixCell Cell);

/// <summary>A failing finding behind a cell, from the latest completed scan of <see cref="DomainName"/>.</summary>
public sealed record CellFinding(
    Guid DomainId,
    string DomainName,
    DateTimeOffset ScannedAt,
    string Code,
    string Severity,
    string Finding,
    string Evidence,
    string Remediation);
