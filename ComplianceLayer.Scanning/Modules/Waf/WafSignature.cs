using System.Text.RegularExpressions;

namespace ComplianceLayer.Scanning.Modules.Waf;

public enum ProductKind
{
    Waf,

    /// <summary>A CDN or edge proxy whose WAF (if it has one) was not seen at work.</summary>
    Cdn,
}

public enum IndicatorSource
{
    /// <summary>A response header (name and value patterns).</summary>
    Header,

    /// <summary>A Set-Cookie line (pattern on "name=value…").</summary>
    Cookie,

    /// <summary>The body of an error response (status 400 or above): block and challenge pages.</summary>
    Body,

    /// <summary>The reason phrase of an error response.</summary>
    Reason,
}

public enum IndicatorStrength
{
    /// <summary>Also seen without the product (generic software, load-balancer cookies, behaviour).</summary>
    Weak,

    /// <summary>Specific to the product.</summary>
    Strong,
}

/// <summary>
/// One observable sign of a product. Indicators in the same <see cref="Group"/> are one piece of evidence, however many
/// of them match (two Cloudflare cookies are one indicator, a Cloudflare cookie and the CF-RAY header are two).
/// </summary>
/// <param name="Name">Header-name pattern (headers only).</param>
/// <param name="Pattern">Pattern on the header value, the Set-Cookie line, the body or the reason phrase.</param>
/// <param name="ProvesWaf">Seeing this shows the product's WAF acting, not just its CDN or load balancer.</param>
/// <param name="ProbeStatus">Counts only on the test request's response with this status, when the home page itself was not an error.</param>
public sealed record WafIndicator(
    IndicatorSource Source,
    string? Name,
    string Pattern,
    IndicatorStrength Strength,
    string Group,
    bool ProvesWaf = false,
    int? ProbeStatus = null)
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // Patterns run over untrusted bodies of up to HttpObservation.MaxBodyChars: a timeout bounds any backtracking.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public Regex NameRegex { get; } = new(Name ?? ".", Options, MatchTimeout);

    public Regex PatternRegex { get; } = new(Pattern, Options, MatchTimeout);

    public static WafIndicator Header(string name, string valuePattern, IndicatorStrength strength, string? group = null, bool provesWaf = false, int? probeStatus = null)
        => new(IndicatorSource.Header, name, valuePattern, strength, group ?? name.Trim('^', '$').ToLowerInvariant(), provesWaf, probeStatus);

    public static WafIndicator Cookie(string pattern, IndicatorStrength strength, string group = "cookie", bool provesWaf = false)
        => new(IndicatorSource.Cookie, null, pattern, strength, group, provesWaf);

    public static WafIndicator BlockPage(string pattern, bool provesWaf = true, int? probeStatus = null)
        => new(IndicatorSource.Body, null, pattern, IndicatorStrength.Strong, "block page", provesWaf, probeStatus);

    public static WafIndicator Reason(string pattern)
        => new(IndicatorSource.Reason, null, pattern, IndicatorStrength.Strong, "reason phrase", ProvesWaf: true);
}

/// <summary>A WAF or CDN product and the signs that identify it.</summary>
public sealed record WafSignature(string Name, string Vendor, ProductKind Kind, IReadOnlyList<WafIndicator> Indicators);
