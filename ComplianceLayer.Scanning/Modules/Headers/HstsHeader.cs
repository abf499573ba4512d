using System.Globalization;

namespace ComplianceLayer.Scanning.Modules.Headers;

/// <summary>A Strict-Transport-Security header parsed per RFC 6797 §6.1; invalid headers are ignored by browsers.</summary>
public sealed record HstsHeader(string Raw, long? MaxAge, bool IncludeSubDomains, bool Preload, string? Error)
{
    /// <summary>hstspreload.org's minimum max-age (one year) for preload submission.</summary>
    public const long PreloadMinimumMaxAge = 31_536_000;

    public bool IsValid => Error is null;

    public static HstsHeader Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long? maxAge = null;
        bool includeSubDomains = false, preload = false;
        foreach (var part in raw.Split(';'))
        {
            var directive = part.Trim(' ', '\t');
            if (directive.Length == 0)
            {
                continue;
            }

            var equals = directive.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? directive : directive[..equals]).Trim(' ', '\t');
            var value = equals < 0 ? null : Unquote(directive[(equals + 1)..].Trim(' ', '\t'));
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                return Invalid(raw, $"'{name}' is not a valid directive name");
            }

            // RFC 6797 §6.1: every directive at most once, otherwise the whole header is ignored.
            if (!seen.Add(name))
            {
                return Invalid(raw, $"directive '{name}' appears more than once");
            }

            switch (name.ToLowerInvariant())
            {
                case "max-age":
                    if (string.IsNullOrEmpty(value) || !value.All(char.IsAsciiDigit))
                    {
                        return Invalid(raw, "max-age is not a number of seconds");
                    }

                    maxAge = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : long.MaxValue;
                    break;
                case "includesubdomains":
                    if (value is not null)
                    {
                        return Invalid(raw, "includeSubDomains takes no value");
                    }

                    includeSubDomains = true;
                    break;
                case "preload":
                    preload = true;
                    break;
            }
        }

        return maxAge is null
            ? Invalid(raw, "max-age is missing")
            : new HstsHeader(raw, maxAge, includeSubDomains, preload, null);
    }

    private static HstsHeader Invalid(string raw, string error) => new(raw, null, false, false, error);

    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        return value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
