using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ComplianceLayer.Domain.Domains;

/// <summary>
/// The Public Suffix List (https://publicsuffix.org/list/), embedded in this assembly, ICANN and private sections alike.
/// Rules are stored in their ASCII (punycode) form, so names are matched after IDN conversion.
/// </summary>
internal sealed class PublicSuffixList
{
    private const string ResourceName = "ComplianceLayer.Domain.Domains.public_suffix_list.dat";

    private static readonly Lazy<PublicSuffixList> s_embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, RuleKinds> _rules;
    private readonly FrozenDictionary<string, RuleKinds>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private PublicSuffixList(Dictionary<string, RuleKinds> rules)
    {
        _rules = rules.ToFrozenDictionary(StringComparer.Ordinal);
        // Matching looks up every label suffix of a name; span lookups avoid a string allocation per suffix.
        _lookup = _rules.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static PublicSuffixList Embedded => s_embedded.Value;

    public int RuleCount => _rules.Count;

    /// <summary>
    /// The public suffix of <paramref name="asciiName"/> (lower case, punycode, no trailing dot), or null when no rule
    /// of the list matches. The list's implicit "*" rule is deliberately not applied: a name under an unknown
    /// top-level domain is not something a customer can own and monitor.
    /// </summary>
    public string? FindPublicSuffix(string asciiName)
    {
        var starts = LabelStarts(asciiName);

        // An exception rule prevails over every other rule; the public suffix is the rule minus its leftmost label.
        for (var i = 0; i < starts.Count - 1; i++)
        {
            if (Kinds(asciiName, starts[i]).HasFlag(RuleKinds.Exception))
            {
                return asciiName[starts[i + 1]..];
            }
        }

        // Otherwise the longest matching rule prevails. The suffix starting at label i matches either a normal rule
        // equal to it, or a wildcard rule "*.<suffix starting at label i + 1>".
        for (var i = 0; i < starts.Count; i++)
        {
            var matchesNormal = Kinds(asciiName, starts[i]).HasFlag(RuleKinds.Normal);
            var matchesWildcard = i + 1 < starts.Count && Kinds(asciiName, starts[i + 1]).HasFlag(RuleKinds.Wildcard);
            if (matchesNormal || matchesWildcard)
            {
                return asciiName[starts[i]..];
            }
        }

        // "ck" under the rule "*.ck" matches no rule, yet the list plainly treats it as a public suffix.
        return Kinds(asciiName, 0).HasFlag(RuleKinds.Wildcard) ? asciiName : null;
    }

    private static PublicSuffixList Parse(TextReader reader)
    {
        var idn = new IdnMapping { AllowUnassigned = true, UseStd3AsciiRules = false };
        var rules = new Dictionary<string, RuleKinds>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            // A rule is the line up to the first whitespace; "//" starts a comment line.
            var rule = line.AsSpan().Trim();
            var space = rule.IndexOfAny(' ', '\t');
            if (space >= 0)
            {
                rule = rule[..space];
            }
            if (rule.IsEmpty || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var kind = RuleKinds.Normal;
            if (rule[0] == '!')
            {
                kind = RuleKinds.Exception;
                rule = rule[1..];
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                kind = RuleKinds.Wildcard;
                rule = rule[2..];
            }
            if (rule.IsEmpty || rule.Contains('*'))
            {
                // Only a leading wildcard is defined by the list format; skip anything else rather than mis-match.
                continue;
            }

            var ascii = Ascii.IsValid(rule) ? rule.ToString() : idn.GetAscii(rule.ToString());
            rules[ascii] = rules.GetValueOrDefault(ascii) | kind;
        }
        return new PublicSuffixList(rules);
    }

    private static PublicSuffixList LoadEmbedded()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    private static List<int> LabelStarts(string name)
    {
        var starts = new List<int>(8) { 0 };
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '.')
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }

    private RuleKinds Kinds(string name, int start) =>
        _lookup.TryGetValue(name.AsSpan(start), out var kinds) ? kinds : RuleKinds.None;

    [Flags]
    private enum RuleKinds
    {
        None = 0,
        Normal = 1,
        Wildcard = 2,
        Exception = 4,
    }
}
