namespace ComplianceLayer.Domain.Domains;

/// <summary>
/// Parses a bulk list of domains: one per line (pasted), or CSV lines "client,domain" (uploaded). Blank lines and
/// lines starting with '#' are skipped; a header line "client,domain" is skipped. Duplicates within the list are
/// rejected on their second occurrence. Every input line that is not skipped yields exactly one result.
/// </summary>
public static class DomainListParser
{
    public const int MaxLines = 5000;

    public static IReadOnlyList<DomainListLine> Parse(string text, bool withClientColumn)
    {
        // Placeholder until the full rules land.
        var results = new List<DomainListLine>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].Trim();
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }
            string? client = null;
            var domainText = raw;
            if (withClientColumn)
            {
                var comma = raw.IndexOf(',', StringComparison.Ordinal);
                client = comma < 0 ? null : raw[..comma].Trim();
                domainText = comma < 0 ? raw : raw[(comma + 1)..];
            }
            var parsed = DomainName.Parse(domainText);
            results.Add(new DomainListLine(i + 1, raw, client, parsed.Name, parsed.Error));
        }
        return results;
    }
}

/// <summary>One parsed line: its 1-based number, the raw text, the client name (CSV only), and the name or the error.</summary>
public sealed record DomainListLine(int LineNumber, string Raw, string? ClientName, DomainName? Name, string? Error)
{
    public bool IsValid => Name is not null;
}
