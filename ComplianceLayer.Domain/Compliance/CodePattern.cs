using System.Text.RegularExpressions;
using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Domain.Compliance;

/// <summary>
/// A finding code as the catalogue names it: an exact code (<c>ssl.protocol.tls10_enabled</c>) or a prefix ending in
/// <c>.*</c> (<c>ports.exposed.*</c>), which matches every code with at least one more segment after the prefix
/// (<c>ports.exposed.rdp</c>, not <c>ports.exposed</c> nor <c>ports.exposedx</c>). Prefixes let a mapping cover the codes
/// of a family, including ones added later; exact codes keep a direct mapping from claiming more than it should.
/// </summary>
public sealed partial record CodePattern
{
    private const string WildcardSuffix = ".*";

    private CodePattern(string text, bool isPrefix)
    {
        Text = text;
        IsPrefix = isPrefix;
    }

    /// <summary>As written in the catalogue.</summary>
    public string Text { get; }

    public bool IsPrefix { get; }

    /// <exception cref="FormatException">Neither a valid finding code nor <c>segment(.segment)*.*</c>.</exception>
    public static CodePattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.EndsWith(WildcardSuffix, StringComparison.Ordinal) && PrefixPattern().IsMatch(text))
        {
            return new CodePattern(text, isPrefix: true);
        }
        if (FindingCodes.IsValid(text))
        {
            return new CodePattern(text, isPrefix: false);
        }
        throw new FormatException(
            $"'{text}' is not a code pattern: expected an exact finding code such as 'ssl.cert.expired' or a prefix ending in '.*' such as 'ports.exposed.*'.");
    }

    /// <summary>True when the pattern belongs to <paramref name="module"/>: codes are prefixed by their module key.</summary>
    public bool BelongsTo(string module) => Text.StartsWith(module + ".", StringComparison.Ordinal);

    public bool Matches(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!IsPrefix)
        {
            return string.Equals(code, Text, StringComparison.Ordinal);
        }
        // "ports.exposed.*" → "ports.exposed." must be followed by at least one character.
        var prefix = Text[..^1];
        return code.Length > prefix.Length && code.StartsWith(prefix, StringComparison.Ordinal);
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"\A[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.\*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
