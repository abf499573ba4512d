namespace ComplianceLayer.Domain.Domains;

/// <summary>
/// A registrable-or-deeper DNS name as users monitor it: ASCII (punycode), lower case, no trailing dot.
/// Create only through <see cref="Parse"/>.
/// </summary>
public sealed record DomainName
{
    private DomainName(string ascii, string unicode)
    {
        Ascii = ascii;
        Unicode = unicode;
    }

    /// <summary>The ASCII (A-label) form, lower case: what is stored, scanned and compared.</summary>
    public string Ascii { get; }

    /// <summary>The Unicode form for display (equal to <see cref="Ascii"/> for plain names).</summary>
    public string Unicode { get; }

    public override string ToString() => Ascii;

    /// <summary>Validates and normalises user input. Never throws for bad input: the result says why.</summary>
    public static DomainNameResult Parse(string? input)
    {
        // Placeholder until the full rules land (IDN, public suffix, IP/URL/wildcard rejection).
        var trimmed = (input ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
        return trimmed.Length == 0 || !trimmed.Contains('.', StringComparison.Ordinal)
            ? DomainNameResult.Invalid("Enter a domain name such as example.com.")
            : DomainNameResult.Valid(new DomainName(trimmed, trimmed));
    }
}

/// <summary>The outcome of <see cref="DomainName.Parse"/>: a name, or an error and perhaps a suggestion to offer instead.</summary>
public sealed record DomainNameResult(DomainName? Name, string? Error, string? Suggestion)
{
    public bool IsValid => Name is not null;

    public static DomainNameResult Valid(DomainName name) => new(name, null, null);

    public static DomainNameResult Invalid(string error, string? suggestion = null) => new(null, error, suggestion);
}
