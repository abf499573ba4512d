using System.Globalization;
using System.Text;
using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Reports;

namespace ComplianceLayer.Web.Features.Compliance;

/// <summary>
/// The matrix as CSV (RFC 4180): a header row (control, title, strength, then one column per domain or client), a "Last scan" row
/// with the date each column's scan ran, then one row per control with <c>pass</c> / <c>fail</c> / <c>not_assessed</c> (client
/// columns add their counts). Columns come from the database one at a time and hold only their cell counts, so what stays in
/// memory is one small cell per (control, column), never a report.
/// </summary>
public static class ComplianceCsv
{
    public static string FileName(string framework, MatrixMode mode, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"compliance-{framework}-{ModeText(mode)}-{now.UtcDateTime:yyyy-MM-dd}.csv");

    public static string ModeText(MatrixMode mode) => mode == MatrixMode.Clients ? "clients" : "domains";

    public static async Task WriteAsync(TextWriter writer, string framework, MatrixMode mode, IAsyncEnumerable<MatrixColumn> columns,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(columns);
        var rows = ComplianceMatrixSql.Rows(ComplianceCatalogue.Default, framework);
        var names = new List<string>();
        var scanned = new List<string>();
        var cells = rows.Select(_ => new List<string>()).ToList();
        await foreach (var column in columns.WithCancellation(cancellationToken))
        {
            names.Add(column.Detail is null ? column.Name : $"{column.Name} ({column.Detail})");
            scanned.Add(column.ScannedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never");
            for (var i = 0; i < rows.Count; i++)
            {
                cells[i].Add(CellText(column.CellFor(rows[i].Control), mode));
            }
        }

        await WriteLineAsync(writer, ["Control", "Title", "Strength", .. names]);
        await WriteLineAsync(writer, ["Last scan", "", "", .. scanned]);
        for (var i = 0; i < rows.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteLineAsync(writer, [rows[i].Control, rows[i].Title, StrengthText(rows[i].Strength), .. cells[i]]);
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>As the report writes it: <c>pass</c>, <c>fail</c>, <c>not_assessed</c>.</summary>
    public static string StatusText(ControlStatus status) => status switch
    {
        ControlStatus.Pass => "pass",
        ControlStatus.Fail => "fail",
        _ => "not_assessed",
    };

    public static string StrengthText(MappingStrength strength) => strength == MappingStrength.Direct ? "direct" : "supporting";

    /// <summary><c>fail</c>, or for a client <c>fail (2 of 5 domains fail)</c>.</summary>
    public static string CellText(MatrixCell cell, MatrixMode mode)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var status = StatusText(cell.Status);
        return mode == MatrixMode.Domains
            ? status
            : cell.Status switch
            {
                ControlStatus.Fail => string.Create(CultureInfo.InvariantCulture, $"{status} ({cell.Failing} of {cell.Domains} domains fail)"),
                ControlStatus.Pass => string.Create(CultureInfo.InvariantCulture, $"{status} ({cell.Passing} of {cell.Domains} domains pass)"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{status} (0 of {cell.Domains} domains assessed)"),
            };
    }

    /// <summary>
    /// Quotes a field when it holds a comma, quote or line break (doubling quotes), and defuses spreadsheet formulas: a client name
    /// such as <c>=HYPERLINK(…)</c> is written with a leading apostrophe so that opening the file never runs it.
    /// </summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static Task WriteLineAsync(TextWriter writer, IEnumerable<string> fields)
    {
        var line = new StringBuilder();
        foreach (var field in fields)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }
            line.Append(Field(field));
        }
        line.Append("\r\n");
        return writer.WriteAsync(line.ToString());
    }
}
