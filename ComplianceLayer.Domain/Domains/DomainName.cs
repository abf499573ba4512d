using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ComplianceLayer.Domain.Domains;

/// <summary>
/// A registrable-or-deeper DNS name as users monitor it: ASCII (punycode), lower case, no trailing dot.
/// Create only through <see cref="Parse"/>.
/// </summary>
public sealed record DomainName
{
    private const int MaxNameLength = 253;
    private const int MaxLabelLength = 63;

    private const string EmptyMessage = "Enter a domain name, such as example.com.";
    private const string IpAddressMessage = "Enter a domain name, not an IP address.";
    private const string UrlMessage = "Enter the host name only, not a URL.";
    private const string WildcardMessage = "Wildcards are not supported: enter the domain name itself.";
    private const string EmptyLabelMessage = "The name has an empty part: check for two dots in a row or a leading dot.";
    private const string NumericTopLevelMessage = "The last part of a domain name (the top-level domain) cannot be all digits.";

    private static readonly SearchValues<char> s_schemeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789+-.");

    private DomainName(string ascii, string unicode, string publicSuffix, string registrableDomain)
    {
        Ascii = ascii;
        Unicode = unicode;
        PublicSuffix = publicSuffix;
        RegistrableDomain = registrableDomain;
    }

    /// <summary>The ASCII (A-label) form, lower case: what is stored, scanned and compared.</summary>
    public string Ascii { get; }

    /// <summary>The Unicode form for display (equal to <see cref="Ascii"/> for plain names).</summary>
    public string Unicode { get; }

    /// <summary>The public suffix by the Public Suffix List, ASCII form ("co.uk" for "mail.example.co.uk").</summary>
    public string PublicSuffix { get; }

    /// <summary>The registrable domain (eTLD+1), ASCII form ("example.co.uk" for "mail.example.co.uk").</summary>
    public string RegistrableDomain { get; }

    /// <summary>True when the name is itself the registrable domain rather than a subdomain of it.</summary>
    public bool IsRegistrableDomain => Ascii.Length == RegistrableDomain.Length;

    public override string ToString() => Ascii;

    /// <summary>Validates and normalises user input. Never throws for bad input: the result says why.</summary>
    public static DomainNameResult Parse(string? input)
    {
        var host = (input ?? string.Empty).Trim().ToLowerInvariant();
        if (host.Length == 0)
        {
            return DomainNameResult.Invalid(EmptyMessage);
        }

        // Peel a URL down to its host, remembering that it was one so the user is told to enter the host alone.
        var isUrl = false;
        var schemeEnd = host.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && IsSchemeName(host.AsSpan(0, schemeEnd)))
        {
            isUrl = true;
            host = host[(schemeEnd + 3)..];
        }
        var pathStart = host.AsSpan().IndexOfAny("/?#\\");
        if (pathStart >= 0)
        {
            isUrl = true;
            host = host[..pathStart];
        }
        var userInfoEnd = host.LastIndexOf('@');
        if (userInfoEnd >= 0)
        {
            isUrl = true;
            host = host[(userInfoEnd + 1)..];
        }

        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close > 0 && IsIPv6(host[1..close])
                ? DomainNameResult.Invalid(IpAddressMessage)
                : DomainNameResult.Invalid(CharacterMessage('['));
        }
        var colons = host.AsSpan().Count(':');
        if (colons > 1)
        {
            return IsIPv6(host) ? DomainNameResult.Invalid(IpAddressMessage) : DomainNameResult.Invalid(CharacterMessage(':'));
        }
        if (colons == 1)
        {
            isUrl = true;
            host = host[..host.IndexOf(':', StringComparison.Ordinal)];
        }
        if (IsIPv4(host))
        {
            return DomainNameResult.Invalid(IpAddressMessage);
        }

        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            return DomainNameResult.Invalid(WildcardMessage, ParseHost(host[2..]).Name?.Unicode);
        }
        var result = ParseHost(host);
        return isUrl ? DomainNameResult.Invalid(UrlMessage, result.Name?.Unicode) : result;
    }

    /// <summary>Validates a bare host name that is already trimmed and lower case.</summary>
    private static DomainNameResult ParseHost(string host)
    {
        // IDNA treats these full stops as dots; map them first so labels split where the user sees a dot.
        host = host.Replace('\u3002', '.').Replace('\uFF0E', '.').Replace('\uFF61', '.');
        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }
        if (host.Length == 0)
        {
            return DomainNameResult.Invalid(EmptyMessage);
        }

        var labels = host.Split('.');
        var asciiLabels = new string[labels.Length];
        var isInternational = false;
        for (var i = 0; i < labels.Length; i++)
        {
            var error = CheckLabel(labels[i], out asciiLabels[i]);
            if (error is not null)
            {
                return DomainNameResult.Invalid(error);
            }
            isInternational |= !ReferenceEquals(labels[i], asciiLabels[i])
                || asciiLabels[i].StartsWith("xn--", StringComparison.Ordinal);
        }

        var ascii = string.Join('.', asciiLabels);
        if (ascii.Length > MaxNameLength)
        {
            return DomainNameResult.Invalid(
                $"The name is {ascii.Length} characters long; a domain name can be at most {MaxNameLength}.");
        }

        var unicode = ascii;
        if (isInternational)
        {
            // Whole-name conversion applies the rules that span labels (bidi) and rejects malformed punycode.
            var idn = CreateIdnMapping();
            try
            {
                unicode = idn.GetUnicode(ascii);
                if (!string.Equals(idn.GetAscii(unicode), ascii, StringComparison.Ordinal))
                {
                    return DomainNameResult.Invalid($"'{host}' is not a valid internationalised domain name.");
                }
            }
            catch (ArgumentException)
            {
                return DomainNameResult.Invalid($"'{host}' is not a valid internationalised domain name.");
            }
        }

        if (asciiLabels[^1].All(char.IsAsciiDigit))
        {
            return DomainNameResult.Invalid(NumericTopLevelMessage);
        }

        var publicSuffix = PublicSuffixList.Embedded.FindPublicSuffix(ascii);
        if (publicSuffix is null)
        {
            return DomainNameResult.Invalid(
                $"'{unicode}' does not end in a public suffix (a top-level domain such as .com or .co.uk) known to the Public Suffix List.");
        }
        if (publicSuffix.Length == ascii.Length)
        {
            return DomainNameResult.Invalid(
                $"'{unicode}' is a public suffix, under which anyone can register names: enter a domain under it, such as example.{unicode}.");
        }

        var labelBeforeSuffix = ascii.LastIndexOf('.', ascii.Length - publicSuffix.Length - 2) + 1;
        return DomainNameResult.Valid(new DomainName(ascii, unicode, publicSuffix, ascii[labelBeforeSuffix..]));
    }

    /// <summary>Checks one label and converts it to its ASCII form; returns the error to show, or null.</summary>
    private static string? CheckLabel(string label, out string ascii)
    {
        ascii = label;
        if (label.Length == 0)
        {
            return EmptyLabelMessage;
        }
        var isAscii = true;
        foreach (var c in label)
        {
            if (char.IsAscii(c))
            {
                if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
                {
                    return CharacterMessage(c);
                }
            }
            else if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return CharacterMessage(c);
            }
            else
            {
                isAscii = false;
            }
        }
        if (label.StartsWith('-') || label.EndsWith('-'))
        {
            return $"The part '{label}' starts or ends with a hyphen, which is not allowed.";
        }
        if (isAscii)
        {
            return label.Length > MaxLabelLength ? LabelTooLongMessage(label) : null;
        }

        try
        {
            ascii = CreateIdnMapping().GetAscii(label);
        }
        catch (ArgumentException)
        {
            // Punycode spends at least "xn--" plus one character per letter, so a long label is surely too long.
            return label.Length + 4 > MaxLabelLength
                ? LabelTooLongMessage(label)
                : $"'{label}' is not a valid part of an internationalised domain name.";
        }
        return ascii.Length > MaxLabelLength ? LabelTooLongMessage(label) : null;
    }

    // IdnMapping makes no promise about concurrent use; one is cheap to create.
    private static IdnMapping CreateIdnMapping() => new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private static string LabelTooLongMessage(string label) =>
        $"The part '{Shorten(label)}' is longer than the {MaxLabelLength} characters allowed between dots.";

    private static string CharacterMessage(char c) => c switch
    {
        ' ' => "Spaces are not allowed in a domain name.",
        '_' => "Underscores ('_') are not allowed in a monitored host name: use only letters, digits, hyphens and dots.",
        _ when char.IsWhiteSpace(c) || char.IsControl(c) =>
            $"The invisible character U+{(int)c:X4} is not allowed in a domain name.",
        _ => $"The character '{c}' is not allowed in a domain name: use only letters, digits, hyphens and dots.",
    };

    private static string Shorten(string label) => label.Length <= 24 ? label : string.Concat(label.AsSpan(0, 20), "…");

    private static bool IsSchemeName(ReadOnlySpan<char> scheme) =>
        char.IsAsciiLetter(scheme[0]) && !scheme.ContainsAnyExcept(s_schemeCharacters);

    private static bool IsIPv6(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Dotted-quad IPv4 (optionally with the trailing dot); other numeric forms fail the numeric-TLD rule.</summary>
    private static bool IsIPv4(string host)
    {
        var span = host.AsSpan();
        if (span.EndsWith('.'))
        {
            span = span[..^1];
        }
        var parts = 0;
        foreach (var range in span.Split('.'))
        {
            var part = span[range];
            if (part.Length is 0 or > 3 || part.ContainsAnyExceptInRange('0', '9') || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
            parts++;
        }
        return parts == 4;
    }
}

/// <summary>The outcome of <see cref="DomainName.Parse"/>: a name, or an error and perhaps a suggestion to offer instead.</summary>
public sealed record DomainNameResult(DomainName? Name, string? Error, string? Suggestion)
{
    public bool IsValid => Name is not null;

    public static DomainNameResult Valid(DomainName name) => new(name, null, null);

    public static DomainNameResult Invalid(string error, string? suggestion = null) => new(null, error, suggestion);
}
