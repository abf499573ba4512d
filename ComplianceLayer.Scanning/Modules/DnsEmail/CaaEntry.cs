namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>One CAA record (RFC 8659) with its syntax problems, if any.</summary>
public sealed record CaaEntry(byte Flags, string Tag, string Value, string? Error)
{
    private static readonly HashSet<string> KnownTags = ["issue", "issuewild", "iodef", "contactemail", "contactphone", "issuemail", "issuevmc"];

    public bool IsCritical => (Flags & 0x80) != 0;

    /// <summary>The CA domain of an issue/issuewild value ("" when the value forbids issuance, ";").</summary>
    public string? IssuerDomain => Tag.ToLowerInvariant() is "issue" or "issuewild" or "issuemail" ? Value.Split(';')[0].Trim() : null;

    public static CaaEntry Create(byte flags, string tag, string value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(value);
        return new CaaEntry(flags, tag, value, Validate(flags, tag.ToLowerInvariant(), value));
    }

    private static string? Validate(byte flags, string tag, string value)
    {
        if (tag.Length == 0 || !tag.All(char.IsAsciiLetterOrDigit))
        {
            return $"tag \"{tag}\" is not alphanumeric";
        }

        switch (tag)
        {
            case "issue" or "issuewild" or "issuemail":
                return ValidateIssue(value);
            case "iodef":
                return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme is "mailto" or "https" or "http")
                    ? null : $"iodef \"{value}\" is not a mailto:, https: or http: URL";
            default:
                // Unknown tags are ignored unless flagged critical, in which case CAs must refuse to issue (RFC 8659 §4.1).
                return !KnownTags.Contains(tag) && (flags & 0x80) != 0 ? $"unknown tag \"{tag}\" is marked critical: CAs will refuse to issue" : null;
        }
    }

    private static string? ValidateIssue(string value)
    {
        var parts = value.Split(';');
        var domain = parts[0].Trim();
        if (domain.Length > 0 && !ValidDomain(domain))
        {
            return $"\"{domain}\" is not a CA domain name";
        }

        foreach (var parameter in parts.Skip(1).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !parameter[..equals].Trim().All(char.IsAsciiLetterOrDigit) || parameter[(equals + 1)..].Trim().Any(c => c < 0x21 || c > 0x7e))
            {
                return $"parameter \"{parameter}\" is not key=value";
            }
        }

        return null;
    }

    private static bool ValidDomain(string domain) =>
        domain.Split('.') is { Length: >= 2 } labels
        && labels.All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && l[0] != '-' && l[^1] != '-');
}
