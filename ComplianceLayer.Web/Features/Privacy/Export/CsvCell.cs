namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>RFC 4180 quoting plus protection against CSV (formula) injection for cells opened in a spreadsheet.</summary>
public static class CsvCell
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell as a formula; a quote makes it text.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny(NeedsQuotes) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Escape)) + "\r\n";
}
