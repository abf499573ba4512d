using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>One SPF term as written: a mechanism (with its qualifier) or a modifier.</summary>
public sealed record SpfTerm(string Raw, bool IsModifier, char Qualifier, string Name, string? Value)
{
    /// <summary>The target domain of include, a, mx, ptr, exists or redirect; null when it is the current domain.</summary>
    public string? Domain { get; init; }

    public bool HasMacros { get; init; }

    /// <summary>Counts against the limit of 10 DNS-querying terms (RFC 7208 §4.6.4).</summary>
    public bool QueriesDns => Name is "include" or "a" or "mx" or "ptr" or "exists" or "redirect";
}

/// <summary>A parsed SPF record (RFC 7208 §4.6, §5, §6, §7). Syntax errors are collected, not thrown: any one is a permerror.</summary>
public sealed record SpfRecord(string Text, IReadOnlyList<SpfTerm> Terms, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    private static readonly HashSet<string> Mechanisms = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"];

    public SpfTerm? All => Terms.FirstOrDefault(t => !t.IsModifier && t.Name == "all");

    /// <summary>The redirect modifier, ignored when an "all" mechanism is present (§6.1).</summary>
    public SpfTerm? Redirect => All is null ? Terms.FirstOrDefault(t => t.IsModifier && t.Name == "redirect") : null;

    /// <summary>Whether a TXT string is an SPF record: exactly "v=spf1" followed by a space or the end (§4.5).</summary>
    public static bool IsSpf(string text) =>
        text.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase) && (text.Length == 6 || text[6] == ' ');

    public static SpfRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var warnings = new List<string>();
        var terms = new List<SpfTerm>();
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !parts[0].Equals("v=spf1", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("the record does not start with \"v=spf1\"");
            return new SpfRecord(text, terms, errors, warnings);
        }

        foreach (var raw in parts.Skip(1))
        {
            var term = ParseTerm(raw, errors);
            if (term is not null)
            {
                terms.Add(term);
            }
        }

        foreach (var name in new[] { "redirect", "exp" })
        {
            if (terms.Count(t => t.IsModifier && t.Name == name) > 1)
            {
                errors.Add($"the \"{name}\" modifier appears more than once");
            }
        }

        var allIndex = terms.FindIndex(t => !t.IsModifier && t.Name == "all");
        if (allIndex >= 0)
        {
            if (terms.Skip(allIndex + 1).Any(t => !t.IsModifier))
            {
                warnings.Add("mechanisms after \"all\" are never evaluated");
            }

            if (terms.Any(t => t.IsModifier && t.Name == "redirect"))
            {
                warnings.Add("\"redirect\" is ignored because the record has an \"all\" mechanism");
            }
        }

        return new SpfRecord(text, terms, errors, warnings);
    }

    private static SpfTerm? ParseTerm(string raw, List<string> errors)
    {
        var equals = raw.IndexOf('=', StringComparison.Ordinal);
        var colon = raw.IndexOfAny([':', '/']);
        if (equals > 0 && (colon < 0 || equals < colon) && IsModifierName(raw[..equals]))
        {
            var name = raw[..equals].ToLowerInvariant();
            var value = raw[(equals + 1)..];
            var modifier = new SpfTerm(raw, true, '+', name, value);
            if (name is "redirect" or "exp")
            {
                if (!ValidateDomainSpec(value, out var macros, out var problem))
                {
                    errors.Add($"\"{raw}\": {problem}");
                }

                return modifier with { Domain = value.ToLowerInvariant(), HasMacros = macros };
            }

            // Unknown modifiers must be ignored (§6), so they are no error; their value must still be a macro-string.
            if (!ValidateMacroString(value, out _, out var macroProblem))
            {
                errors.Add($"\"{raw}\": {macroProblem}");
            }

            return modifier;
        }

        var qualifier = '+';
        var body = raw;
        if (body.Length > 0 && body[0] is '+' or '-' or '~' or '?')
        {
            qualifier = body[0];
            body = body[1..];
        }

        var end = body.IndexOfAny([':', '/']);
        var mechanism = (end < 0 ? body : body[..end]).ToLowerInvariant();
        var rest = end < 0 ? string.Empty : body[end..];
        if (!Mechanisms.Contains(mechanism))
        {
            errors.Add($"\"{raw}\" is not a known mechanism (unknown mechanisms are a permerror, RFC 7208 §5)");
            return null;
        }

        var term = new SpfTerm(raw, false, qualifier, mechanism, rest.Length > 0 ? rest : null);
        switch (mechanism)
        {
            case "all":
                if (rest.Length > 0)
                {
                    errors.Add($"\"{raw}\": \"all\" takes no argument");
                }

                return term;
            case "include" or "exists":
                if (!rest.StartsWith(':'))
                {
                    errors.Add($"\"{raw}\": \"{mechanism}\" needs a domain (\"{mechanism}:example.com\")");
                    return term;
                }

                return WithDomain(term, raw, rest[1..], errors);
            case "ptr":
                return rest.Length == 0 ? term : rest.StartsWith(':') ? WithDomain(term, raw, rest[1..], errors) : Invalid(term, raw, "unexpected text after \"ptr\"", errors);
            case "a" or "mx":
                {
                    var domainPart = rest;
                    var cidr = string.Empty;
                    if (rest.StartsWith(':'))
                    {
                        var slash = rest.IndexOf('/', StringComparison.Ordinal);
                        domainPart = slash < 0 ? rest[1..] : rest[1..slash];
                        cidr = slash < 0 ? string.Empty : rest[slash..];
                    }
                    else
                    {
                        domainPart = string.Empty;
                        cidr = rest;
                    }

                    if (cidr.Length > 0 && !ValidDualCidr(cidr))
                    {
                        errors.Add($"\"{raw}\": bad CIDR length \"{cidr}\" (ip4 /0-32, ip6 //0-128)");
                    }

                    return domainPart.Length == 0 && !rest.StartsWith(':') ? term : WithDomain(term, raw, domainPart, errors);
                }

            default:
                return ValidateIp(term, raw, mechanism, rest, errors);
        }
    }

    private static SpfTerm ValidateIp(SpfTerm term, string raw, string mechanism, string rest, List<string> errors)
    {
        if (!rest.StartsWith(':'))
        {
            return Invalid(term, raw, $"\"{mechanism}\" needs an address", errors);
        }

        var value = rest[1..];
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? value : value[..slash];
        var family = mechanism == "ip4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (!IPAddress.TryParse(address, out var parsed) || parsed.AddressFamily != family
            || (family == AddressFamily.InterNetwork && address.Count(c => c == '.') != 3))
        {
            return Invalid(term, raw, $"\"{address}\" is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address", errors);
        }

        if (slash >= 0)
        {
            var max = family == AddressFamily.InterNetwork ? 32 : 128;
            if (!TryCidr(value[(slash + 1)..], max, out _))
            {
                return Invalid(term, raw, $"bad CIDR length \"{value[slash..]}\" (0-{max})", errors);
            }
        }

        return term;
    }

    private static SpfTerm WithDomain(SpfTerm term, string raw, string domain, List<string> errors)
    {
        if (!ValidateDomainSpec(domain, out var macros, out var problem))
        {
            errors.Add($"\"{raw}\": {problem}");
        }

        return term with { Domain = domain.ToLowerInvariant(), HasMacros = macros };
    }

    private static SpfTerm Invalid(SpfTerm term, string raw, string problem, List<string> errors)
    {
        errors.Add($"\"{raw}\": {problem}");
        return term;
    }

    private static bool IsModifierName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool ValidDualCidr(string cidr)
    {
        // "/n", "//n" or "/n//m".
        var doubleSlash = cidr.IndexOf("//", StringComparison.Ordinal);
        var ip4 = doubleSlash < 0 ? cidr : cidr[..doubleSlash];
        var ip6 = doubleSlash < 0 ? null : cidr[(doubleSlash + 2)..];
        if (ip4.Length > 0 && (!ip4.StartsWith('/') || !TryCidr(ip4[1..], 32, out _)))
        {
            return false;
        }

        return ip6 is null || TryCidr(ip6, 128, out _);
    }

    private static bool TryCidr(string text, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max && text.Length <= 3
        && (text.Length == 1 || text[0] != '0');

    /// <summary>domain-spec = macro-string domain-end (§7.1); a literal domain must end in a top label.</summary>
    internal static bool ValidateDomainSpec(string value, out bool hasMacros, out string? problem)
    {
        if (value.Length == 0)
        {
            hasMacros = false;
            problem = "empty domain";
            return false;
        }

        if (!ValidateMacroString(value, out hasMacros, out problem))
        {
            return false;
        }

        if (hasMacros)
        {
            return true;
        }

        var labels = value.TrimEnd('.').Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63) || labels[^1].All(char.IsAsciiDigit))
        {
            problem = $"\"{value}\" is not a valid domain name";
            return false;
        }

        return true;
    }

    internal static bool ValidateMacroString(string value, out bool hasMacros, out string? problem)
    {
        hasMacros = false;
        problem = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x21 || c > 0x7e)
            {
                problem = $"invalid character in \"{value}\"";
                return false;
            }

            if (c != '%')
            {
                continue;
            }

            if (i + 1 >= value.Length)
            {
                problem = $"bad macro: a lone '%' at the end of \"{value}\"";
                return false;
            }

            var next = value[i + 1];
            if (next is '%' or '_' or '-')
            {
                i++;
                continue;
            }

            var close = next == '{' ? value.IndexOf('}', i + 2) : -1;
            if (close < 0 || !ValidMacroBody(value[(i + 2)..close]))
            {
                problem = $"bad macro in \"{value}\" (expected %{{letter[digits][r][delimiters]}}, %%, %_ or %-)";
                return false;
            }

            hasMacros = true;
            i = close;
        }

        return true;
    }

    private static bool ValidMacroBody(string body)
    {
        if (body.Length == 0 || "slodiphcrtv".IndexOf(char.ToLowerInvariant(body[0]), StringComparison.Ordinal) < 0)
        {
            return false;
        }

        var i = 1;
        while (i < body.Length && char.IsAsciiDigit(body[i]))
        {
            i++;
        }

        if (i < body.Length && body[i] is 'r' or 'R')
        {
            i++;
        }

        return body[i..].All(c => ".-+,/_=".Contains(c, StringComparison.Ordinal));
    }
}
