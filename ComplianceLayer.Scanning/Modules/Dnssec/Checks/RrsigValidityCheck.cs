using System.Globalization;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Dnssec.Checks;

/// <summary>
/// RRSIG presence and validity windows. Only for a zone with a DS at the parent: without one, validators never look at
/// the signatures, and the missing DS is the finding. An RRset counts as valid when any of its RRSIGs is inside its
/// window, as for a validator during a key roll-over. Signatures are not verified cryptographically.
/// </summary>
public static class RrsigValidityCheck
{
    public static IEnumerable<Issue> Run(DnssecFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!facts.HasDs || !facts.HasDnskey || facts.Rrsets.Count == 0)
        {
            yield break;
        }

        if (facts.Rrsets.All(r => r.Signatures.Count == 0))
        {
            yield return new Issue(ModuleKeys.Dnssec, DnssecCodes.RrsigNotReturned, Severity.Info,
                "RRSIG records could not be checked: the resolver returned none",
                "Point the scanner at a resolver that passes DNSSEC records through (DO bit), or check the zone's signatures directly.",
                $"Queried with DO: {string.Join(", ", facts.Rrsets.Select(r => $"{r.Type} {r.Owner}"))}; no RRSIG in any answer",
                "Some forwarding resolvers strip RRSIGs; this says nothing about the zone itself.");
            yield break;
        }

        foreach (var rrset in facts.Rrsets)
        {
            if (rrset.Signatures.Count == 0)
            {
                yield return new Issue(ModuleKeys.Dnssec, DnssecCodes.RrsigMissing, Severity.High,
                    $"The {rrset.Type} records of {rrset.Owner} are not signed",
                    "Re-sign the zone at your DNS provider so that every RRset carries an RRSIG.",
                    $"{rrset.Type} {rrset.Owner} queried with DO: no RRSIG, while other RRsets of the zone came with RRSIGs",
                    "Validating resolvers reject unsigned data in a signed zone.",
                    rrset.Type);
                continue;
            }

            if (rrset.Signatures.Any(s => s.IsValidAt(facts.Now)))
            {
                continue;
            }

            var expired = rrset.Signatures.Where(s => s.Expiration < facts.Now).ToArray();
            var evidence = $"RRSIG {rrset.Type} {rrset.Owner}: {string.Join("; ", rrset.Signatures.Select(Describe))}; scan time {Format(facts.Now)}";
            yield return expired.Length > 0
                ? new Issue(ModuleKeys.Dnssec, DnssecCodes.RrsigExpired, Severity.High,
                    $"The DNSSEC signatures over {rrset.Type} {rrset.Owner} have expired",
                    "Re-sign the zone and check that automatic re-signing runs (signatures must be refreshed before they expire).",
                    evidence,
                    "Validating resolvers return SERVFAIL for data whose signatures have expired.",
                    rrset.Type)
                : new Issue(ModuleKeys.Dnssec, DnssecCodes.RrsigNotYetValid, Severity.High,
                    $"The DNSSEC signatures over {rrset.Type} {rrset.Owner} are not valid yet",
                    "Check the signer's clock and re-sign the zone with an inception time in the past.",
                    evidence,
                    "Validating resolvers return SERVFAIL for data whose signatures are not valid yet.",
                    rrset.Type);
        }
    }

    private static string Describe(RrsigFact s) => string.Create(CultureInfo.InvariantCulture,
        $"key tag {s.KeyTag}, inception {Format(s.Inception)}, expiration {Format(s.Expiration)}");

    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
