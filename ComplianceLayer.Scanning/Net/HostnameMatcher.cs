using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ComplianceLayer.Scanning.Net;

/// <summary>
/// Whether a certificate is valid for a host name, computed from the subjectAltName alone
/// (RFC 6125 / CA/B Forum rules, as browsers do): the common name is not consulted, a wildcard
/// is only a whole left-most label and covers exactly one label, never a bare public-looking suffix.
/// </summary>
public static class HostnameMatcher
{
    public static bool Matches(X509Certificate2 certificate, string host)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var san = GetSubjectAlternativeName(certificate);
        if (san is null)
        {
            return false;
        }

        var trimmed = host.Trim('[', ']');
        if (IPAddress.TryParse(trimmed, out var address))
        {
            return san.EnumerateIPAddresses().Any(a => a.Equals(address));
        }

        return san.EnumerateDnsNames().Any(name => Matches(name, host));
    }

    /// <summary>Whether one SAN dNSName (possibly "*.example.com") covers <paramref name="host"/>.</summary>
    public static bool Matches(string pattern, string host)
    {
        if (string.IsNullOrWhiteSpace(pattern) || string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        var name = ToAscii(host.TrimEnd('.'));
        var candidate = ToAscii(pattern.TrimEnd('.'));
        if (name is null || candidate is null)
        {
            return false;
        }

        if (!candidate.StartsWith("*.", StringComparison.Ordinal))
        {
            // A '*' anywhere else (partial or inner wildcards) is not honoured.
            return !candidate.Contains('*', StringComparison.Ordinal) && string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase);
        }

        var suffix = candidate[1..];
        if (suffix.Contains('*', StringComparison.Ordinal) || suffix.Count(c => c == '.') < 2)
        {
            return false;
        }

        // Exactly one label, and not an IDN A-label: "*.example.com" covers "a.example.com" only.
        if (!name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var label = name[..^suffix.Length];
        return label.Length > 0 && !label.Contains('.', StringComparison.Ordinal);
    }

    public static X509SubjectAlternativeNameExtension? GetSubjectAlternativeName(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == "2.5.29.17")
            {
                return extension as X509SubjectAlternativeNameExtension ?? new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            }
        }

        return null;
    }

    private static string? ToAscii(string value)
    {
        try
        {
            return value.StartsWith("*.", StringComparison.Ordinal)
                ? "*." + new IdnMapping().GetAscii(value[2..])
                : new IdnMapping().GetAscii(value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
