using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Scanning.Modules.DnsEmail.CheckResult;

namespace ComplianceLayer.Scanning.Modules.DnsEmail.Checks;

/// <summary>DKIM as far as DNS can tell without knowing the selectors: confirmed, not confirmed or absent (info only).</summary>
public static class DkimCheck
{
    public const string Name = "dkim";

    /// <summary>The seed API doc's caveat, repeated on every DKIM verdict that rests on guessing selectors.</summary>
    public const string Caveat = "DKIM false negatives possible with custom selectors";

    public static CheckResult Run(string domain, DkimFacts dkim)
    {
        ArgumentNullException.ThrowIfNull(dkim);
        if (dkim.SkippedReason is { } skipped)
        {
            return NotTested(Name, skipped);
        }

        var issues = new List<Issue>();
        foreach (var key in dkim.Keys)
        {
            var evidence = $"TXT {key.Name}: \"{Shorten(key.Key.Text)}\"";
            if (key.Key.IsRevoked)
            {
                issues.Add(Issue(DnsEmailCodes.DkimKeyRevoked, Severity.Info, $"DKIM key at selector {key.Selector} is revoked (empty p=)",
                    "Nothing to do if the selector is retired; otherwise publish its key.", evidence, subject: key.Selector));
            }
            else if (key.Key.Errors.Count > 0)
            {
                issues.Add(Issue(DnsEmailCodes.DkimInvalidRecord, Severity.Low, $"DKIM key record at selector {key.Selector} is invalid",
                    "Republish the key record as your mail provider shows it.", $"{evidence}: {string.Join("; ", key.Key.Errors)}",
                    "Signatures made with this selector cannot be verified.", key.Selector));
            }
            else if (key.Key.KeyType == "rsa" && key.Key.KeyBits < 1024)
            {
                issues.Add(Issue(DnsEmailCodes.DkimKeyTooShort, Severity.Medium, $"DKIM key at selector {key.Selector} is RSA-{key.Key.KeyBits}",
                    "Rotate to an RSA-2048 key.", evidence, "RFC 8301: verifiers must not accept RSA keys under 1024 bits; such keys are factorable.", key.Selector));
            }
            else if (key.Key.KeyType == "rsa" && key.Key.KeyBits < 2048)
            {
                issues.Add(Issue(DnsEmailCodes.DkimKeyShort, Severity.Low, $"DKIM key at selector {key.Selector} is RSA-{key.Key.KeyBits}",
                    "Rotate to an RSA-2048 key.", evidence, "RFC 8301 recommends at least 2048 bits.", key.Selector));
            }
        }

        if (dkim.Keys.Count > 0)
        {
            return From(Name, issues, $"confirmed at {string.Join(", ", dkim.Keys.Select(k => k.Selector))}");
        }

        var tried = string.Join(", ", dkim.SelectorsTried);
        if (dkim.DomainKeyStatus == DnsLookupStatus.NxDomain)
        {
            return From(Name, [Issue(DnsEmailCodes.DkimAbsent, Severity.Info, "No DKIM keys published (_domainkey does not exist)",
                "Sign outgoing mail with DKIM and publish the selector's key.", $"_domainkey.{domain}: NXDOMAIN",
                $"RFC 8020: NXDOMAIN at _domainkey means no name exists below it, so no selector can hold a key. {Caveat}.")]);
        }

        if (dkim.FailedSelectors.Count == dkim.SelectorsTried.Count)
        {
            return NotTested(Name, "no DKIM selector lookup was answered");
        }

        return From(Name, [Issue(DnsEmailCodes.DkimNotConfirmed, Severity.Info, "DKIM not confirmed at any known selector",
            "Nothing to do if your provider signs with a custom selector; otherwise enable DKIM signing.",
            $"no key record at {tried} (._domainkey.{domain})",
            $"{Caveat}: DKIM selectors cannot be listed through DNS, only guessed.")]);
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "…";
}
