using System.Text.RegularExpressions;

namespace ComplianceLayer.Domain.Findings;

/// <summary>
/// Rules for finding codes and fingerprints. A code (<c>ssl.cert.expired</c>) is the join key for scoring caps, compliance
/// mapping, diffs between scans and tests, so it is lower-case, dotted and never renamed once shipped. A fingerprint is the
/// code plus <c>:subject</c> when a code can occur more than once in one scan (<c>ports.exposed.rdp:3389</c>).
/// </summary>
public static partial class FindingCodes
{
    public const char SubjectSeparator = ':';

    public const int MaxCodeLength = 100;

    public const int MaxSubjectLength = 200;

    /// <summary>True when <paramref name="code"/> has at least two dot-separated segments of <c>[a-z0-9_]</c>, starting with a letter.</summary>
    public static bool IsValid(string? code) => code is { Length: > 0 and <= MaxCodeLength } && CodePattern().IsMatch(code);

    public static void EnsureValid(string code)
    {
        if (!IsValid(code))
        {
            throw new ArgumentException(
                $"'{code}' is not a valid finding code: expected lower-case dotted segments such as 'ssl.cert.expired' (at most {MaxCodeLength} characters).",
                nameof(code));
        }
    }

    /// <summary>The fingerprint of one occurrence: the code alone, or <c>code:subject</c> when a subject is given.</summary>
    public static string Fingerprint(string code, string? subject = null)
    {
        EnsureValid(code);
        if (subject is null)
        {
            return code;
        }
        var trimmed = subject.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxSubjectLength || trimmed.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The subject of '{code}' must be non-blank, at most {MaxSubjectLength} characters and free of control characters.",
                nameof(subject));
        }
        return code + SubjectSeparator + trimmed;
    }

    /// <summary>The code part of a fingerprint (codes never contain the separator; subjects may, e.g. IPv6 addresses).</summary>
    public static string CodeOf(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var separator = fingerprint.IndexOf(SubjectSeparator, StringComparison.Ordinal);
        return separator < 0 ? fingerprint : fingerprint[..separator];
    }

    [GeneratedRegex(@"\A[a-z][a-z0-9_]*(\.[a-z0-9_]+)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
