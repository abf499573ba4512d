using System.Globalization;

namespace ComplianceLayer.Scanning.Modules.Cookies;

/// <summary>
/// One Set-Cookie header parsed as RFC 6265bis §5.6 does: the name-value pair up to the first ';', attribute names
/// case-insensitive, the last occurrence of an attribute wins. The value is never kept: cookie values may be secrets.
/// </summary>
public sealed record SetCookie
{
    private static readonly string[] DateFormats =
    [
        "r", "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "ddd, dd-MMM-yyyy HH:mm:ss 'GMT'", "dddd, dd-MMM-yy HH:mm:ss 'GMT'",
        "ddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy",
    ];

    public required string Name { get; init; }

    /// <summary>The header with the value replaced by <c>…</c>, for evidence.</summary>
    public required string Redacted { get; init; }

    public bool Secure { get; init; }

    public bool HttpOnly { get; init; }

    /// <summary>The SameSite attribute as sent (null when absent).</summary>
    public string? SameSite { get; init; }

    public string? Domain { get; init; }

    public string? Path { get; init; }

    public string? Expires { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public long? MaxAge { get; init; }

    public bool Partitioned { get; init; }

    public bool SameSiteNone => string.Equals(SameSite, "None", StringComparison.OrdinalIgnoreCase);

    /// <summary>Strict, Lax or None; anything else is treated by browsers as if absent.</summary>
    public bool HasValidSameSite =>
        SameSite is not null && (SameSiteNone
            || string.Equals(SameSite, "Strict", StringComparison.OrdinalIgnoreCase)
            || string.Equals(SameSite, "Lax", StringComparison.OrdinalIgnoreCase));

    /// <summary>A Set-Cookie that deletes the cookie (Max-Age ≤ 0, or Expires in the past) stores nothing to protect.</summary>
    public bool IsDeletion(DateTimeOffset now) => MaxAge is { } maxAge ? maxAge <= 0 : ExpiresAt is { } at && at < now;

    /// <summary>Parses one header value; null when browsers would ignore it (no name and no value).</summary>
    public static SetCookie? Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var pair = semicolon < 0 ? header : header[..semicolon];
        var attributes = semicolon < 0 ? "" : header[(semicolon + 1)..];
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? "" : pair[..equals].Trim(' ', '\t');
        var value = equals < 0 ? pair.Trim(' ', '\t') : pair[(equals + 1)..].Trim(' ', '\t');
        if (name.Length == 0 && value.Length == 0)
        {
            return null;
        }

        var cookie = new SetCookie
        {
            Name = name,
            Redacted = (name.Length > 0 ? $"{name}=…" : "…") + (semicolon < 0 ? "" : ";" + attributes),
        };
        foreach (var attribute in attributes.Split(';'))
        {
            var eq = attribute.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? attribute : attribute[..eq]).Trim(' ', '\t').ToLowerInvariant();
            var val = eq < 0 ? "" : attribute[(eq + 1)..].Trim(' ', '\t');
            cookie = key switch
            {
                "secure" => cookie with { Secure = true },
                "httponly" => cookie with { HttpOnly = true },
                "partitioned" => cookie with { Partitioned = true },
                "samesite" => cookie with { SameSite = val },
                "domain" when val.Length > 0 => cookie with { Domain = val.TrimStart('.').ToLowerInvariant() },
                "path" when val.StartsWith('/') => cookie with { Path = val },
                "path" => cookie with { Path = null },
                "expires" => cookie with { Expires = val, ExpiresAt = ParseDate(val) },
                "max-age" when IsMaxAge(val) => cookie with { MaxAge = long.TryParse(val, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : (val[0] == '-' ? -1 : long.MaxValue) },
                _ => cookie,
            };
        }

        return cookie;
    }

    private static bool IsMaxAge(string value) =>
        value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] == '-') && value[1..].All(char.IsAsciiDigit) && value != "-";

    private static DateTimeOffset? ParseDate(string value) =>
        DateTimeOffset.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at) ? at : null;
}
