namespace ComplianceLayer.Domain.Domains;

/// <summary>
/// Parses a bulk list of domains: one per line (pasted), or CSV lines "client,domain" (uploaded). Blank lines and
/// lines starting with '#' are skipped; a header line "client,domain" is skipped. Duplicates within the list are
/// rejected on their second occurrence. Every input line that is not skipped yields exactly one result.
/// </summary>
/// <remarks>
/// CSV fields follow RFC 4180 quoting ("Smith, Jones &amp; Co" and doubled quotes), but a quoted field must end on
/// its own line: results are reported per physical line, so a field spanning lines is rejected, not joined.
/// </remarks>
public static class DomainListParser
{
    public const int MaxLines = 5000;

    private const string TwoColumnsMessage = "Expected two columns: client,domain";

    public static IReadOnlyList<DomainListLine> Parse(string text, bool withClientColumn)
    {
        ArgumentNullException.ThrowIfNull(text);

        var results = new List<DomainListLine>();
        var firstLineOfDomain = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        var isFirstContentLine = true;
        using var reader = new StringReader(text.StartsWith('\uFEFF') ? text[1..] : text);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var raw = line.Trim();
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            string? client = null;
            string domainText;
            string? error = null;
            if (withClientColumn)
            {
                var fields = CsvLine.Split(raw, out var csvError);
                var isHeader = fields.Count == 2
                    && string.Equals(fields[0], "client", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(fields[1], "domain", StringComparison.OrdinalIgnoreCase);
                if (isFirstContentLine && isHeader)
                {
                    isFirstContentLine = false;
                    continue;
                }
                error = csvError ?? (fields.Count < 2 || fields.Skip(2).Any(f => f.Length > 0) ? TwoColumnsMessage : null);
                client = fields[0].Length == 0 ? null : fields[0];
                domainText = fields.Count > 1 ? fields[1] : string.Empty;
                if (error is null && client is null)
                {
                    error = "The client name is empty: enter it before the comma.";
                }
            }
            else
            {
                // A header pasted along with the list is recognised even without the client column.
                if (isFirstContentLine && string.Equals(raw.Replace(" ", "", StringComparison.Ordinal), "client,domain", StringComparison.OrdinalIgnoreCase))
                {
                    isFirstContentLine = false;
                    continue;
                }
                domainText = raw;
            }
            isFirstContentLine = false;

            if (results.Count == MaxLines)
            {
                throw new ArgumentException(
                    $"The list has more than {MaxLines} domains. Split it into several lists of at most {MaxLines} lines.");
            }

            if (error is not null)
            {
                results.Add(new DomainListLine(lineNumber, raw, client, null, error));
                continue;
            }

            var parsed = DomainName.Parse(domainText);
            if (parsed.Name is { } name && !firstLineOfDomain.TryAdd(name.Ascii, lineNumber))
            {
                results.Add(new DomainListLine(lineNumber, raw, client, null, $"Duplicate of line {firstLineOfDomain[name.Ascii]}"));
                continue;
            }
            results.Add(new DomainListLine(lineNumber, raw, client, parsed.Name, parsed.Error) { Suggestion = parsed.Suggestion });
        }
        return results;
    }
}

/// <summary>One parsed line: its 1-based number, the raw text, the client name (CSV only), and the name or the error.</summary>
public sealed record DomainListLine(int LineNumber, string Raw, string? ClientName, DomainName? Name, string? Error)
{
    public bool IsValid => Name is not null;

    /// <summary>A corrected domain to offer when the line was rejected (e.g. the host of a pasted URL).</summary>
    public string? Suggestion { get; init; }
}
