namespace ComplianceLayer.Scanning.Modules.Headers;

public enum CspOrigin
{
    Header,
    Meta,
}

/// <summary>
/// One CSP policy (CSP3 §2.2). Directive names are lower-cased; the first occurrence of a directive wins, as in
/// browsers. A policy delivered in &lt;meta&gt; ignores frame-ancestors, report-uri and sandbox (CSP3 §4.2).
/// </summary>
public sealed record ContentSecurityPolicy(CspOrigin Origin, string Raw, IReadOnlyDictionary<string, IReadOnlyList<string>> Directives)
{
    private static readonly HashSet<string> IgnoredInMeta = new(StringComparer.Ordinal) { "frame-ancestors", "report-uri", "sandbox" };

    public IReadOnlyList<string>? Get(string directive) => Directives.TryGetValue(directive, out var sources) ? sources : null;

    /// <summary>The policies of one or more header values (a comma separates policies) or meta contents.</summary>
    public static IReadOnlyList<ContentSecurityPolicy> ParseAll(IEnumerable<string> values, CspOrigin origin) =>
        [.. values.SelectMany(v => v.Split(','))
            .Select(p => Parse(p, origin))
            .Where(p => p.Directives.Count > 0)];

    public static ContentSecurityPolicy Parse(string policy, CspOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var directives = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var token in policy.Split(';'))
        {
            var parts = token.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            var name = parts[0].ToLowerInvariant();
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                || directives.ContainsKey(name)
                || (origin == CspOrigin.Meta && IgnoredInMeta.Contains(name)))
            {
                continue;
            }

            directives[name] = parts[1..];
        }

        return new ContentSecurityPolicy(origin, policy.Trim(), directives);
    }
}
