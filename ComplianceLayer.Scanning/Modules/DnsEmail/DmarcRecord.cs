using System.Globalization;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

public enum DmarcPolicy
{
    None = 0,
    Quarantine = 1,
    Reject = 2,
}

/// <summary>
/// A parsed DMARC record, read with RFC 9989 (DMARCbis) semantics: a missing <c>p</c> means none, <c>np</c> and <c>psd</c>
/// and <c>t</c> are known, <c>pct</c>/<c>rf</c>/<c>ri</c> are deprecated (accepted, noted). Unknown tags are ignored as both
/// RFCs require, and listed so a typo is visible.
/// </summary>
public sealed record DmarcRecord(string Text, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Errors, IReadOnlyList<string> UnknownTags)
{
    public static readonly IReadOnlySet<string> DeprecatedTags = new HashSet<string> { "pct", "rf", "ri" };

    private static readonly HashSet<string> KnownTags = ["v", "p", "sp", "np", "adkim", "aspf", "fo", "rua", "ruf", "pct", "rf", "ri", "psd", "t"];

    /// <summary>A TXT string at _dmarc is a DMARC record when it starts with "v=DMARC1" (RFC 7489 §6.6.3); others are ignored.</summary>
    public static bool IsDmarc(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith("v", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = trimmed[1..].TrimStart();
        return rest.StartsWith('=') && rest[1..].TrimStart().StartsWith("DMARC1", StringComparison.OrdinalIgnoreCase);
    }

    public DmarcPolicy? Policy => ParsePolicy(Tags.GetValueOrDefault("p"));

    public DmarcPolicy? SubdomainPolicy => ParsePolicy(Tags.GetValueOrDefault("sp"));

    public DmarcPolicy? NonExistentPolicy => ParsePolicy(Tags.GetValueOrDefault("np"));

    /// <summary>The domain policy as receivers apply it: missing or invalid p is none (RFC 9989 §4.7 / RFC 7489 §6.6.3).</summary>
    public DmarcPolicy EffectivePolicy => Policy ?? DmarcPolicy.None;

    public bool TestMode => string.Equals(Tags.GetValueOrDefault("t"), "y", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> Rua => Uris("rua");

    public IReadOnlyList<string> Ruf => Uris("ruf");

    public int? Pct => Tags.TryGetValue("pct", out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var pct) ? pct : null;

    public static DmarcRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        var unknown = new List<string>();
        var parts = text.Split(';').Select(p => p.Trim()).ToList();
        if (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(part.Length == 0 ? "empty tag (\";;\")" : $"\"{part}\" is not a tag=value pair");
                continue;
            }

            var name = part[..equals].Trim().ToLowerInvariant();
            var value = part[(equals + 1)..].Trim();
            if (i == 0 && (name != "v" || !value.Equals("DMARC1", StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"the record must start with \"v=DMARC1;\" (found \"{part}\")");
            }

            if (!tags.TryAdd(name, value))
            {
                errors.Add($"tag \"{name}\" appears more than once");
                continue;
            }

            if (!KnownTags.Contains(name))
            {
                unknown.Add(name);
                continue;
            }

            if (Validate(name, value) is { } problem)
            {
                errors.Add($"{name}={value}: {problem}");
            }
        }

        return new DmarcRecord(text, tags, errors, unknown);
    }

    public static string Name(DmarcPolicy policy) => policy.ToString().ToLowerInvariant();

    private static string? Validate(string name, string value) => name switch
    {
        "p" or "sp" or "np" => ParsePolicy(value) is null ? "must be none, quarantine or reject" : null,
        "adkim" or "aspf" => value is "r" or "s" or "R" or "S" ? null : "must be r (relaxed) or s (strict)",
        "fo" => value.Split(':').All(o => o.Trim() is "0" or "1" or "d" or "s") ? null : "must be 0, 1, d or s, separated by ':'",
        "rua" or "ruf" => value.Split(',').Select(u => u.Trim()).FirstOrDefault(u => !ValidUri(u)) is { } bad
            ? $"\"{bad}\" is not a mailto: or https: URI" : null,
        "pct" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pct) && pct <= 100 ? null : "must be an integer 0-100",
        "ri" => uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "must be a number of seconds",
        "rf" => value.Split(':').All(f => f.Trim().Equals("afrf", StringComparison.OrdinalIgnoreCase)) ? null : "must be afrf",
        "psd" => value is "y" or "n" or "u" ? null : "must be y, n or u",
        "t" => value is "y" or "n" ? null : "must be y or n",
        _ => null,
    };

    private static bool ValidUri(string uri)
    {
        var bang = uri.LastIndexOf('!');
        var bare = bang > 0 ? uri[..bang] : uri;
        return Uri.TryCreate(bare, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeMailto ? bare.Contains('@', StringComparison.Ordinal) : parsed.Scheme == Uri.UriSchemeHttps);
    }

    private static DmarcPolicy? ParsePolicy(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "none" => DmarcPolicy.None,
        "quarantine" => DmarcPolicy.Quarantine,
        "reject" => DmarcPolicy.Reject,
        _ => null,
    };

    private List<string> Uris(string tag) => Tags.TryGetValue(tag, out var v)
        ? [.. v.Split(',').Select(u => u.Trim()).Where(u => u.Length > 0)]
        : [];
}
