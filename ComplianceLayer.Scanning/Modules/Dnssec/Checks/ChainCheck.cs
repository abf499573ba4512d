using System.Globalization;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Dnssec.Checks;

/// <summary>Where the chain of trust from the parent into the zone stands, as a validating resolver would see it.</summary>
public enum ChainStatus
{
    /// <summary>No DS and no DNSKEY.</summary>
    NotSigned,

    /// <summary>DNSKEYs but no DS: validators treat the zone as insecure.</summary>
    DnskeyWithoutDs,

    /// <summary>At least one usable DS and none matches a DNSKEY: bogus.</summary>
    DsWithoutMatchingDnskey,

    /// <summary>DS records exist but none has a digest type and algorithm a validator uses: insecure, and not checkable here.</summary>
    DsUnusable,

    /// <summary>A DS matches a zone DNSKEY.</summary>
    Secure,
}

/// <summary>One DS record and what it matched.</summary>
/// <param name="Result"><c>match</c>, <c>no_match</c> or <c>unusable</c> (digest type or algorithm validators ignore).</param>
public sealed record DsMatch(DsFact Ds, string Result, int? MatchedKeyTag);

public sealed record ChainAssessment(ChainStatus Status, IReadOnlyList<DsMatch> Matches);

/// <summary>DS at the parent ↔ DNSKEY at the zone, with the digests computed here (RFC 4034 §5.1.4).</summary>
public static class ChainCheck
{
    /// <summary>
    /// A DS is usable when a validator would use it: a digest type it computes and an algorithm it validates. RFC 8624
    /// says validators MUST NOT validate RSAMD5, DSA, DSA-NSEC3-SHA1 and GOST, and RFC 4035 §5.2 makes a zone whose DS
    /// records are all unusable insecure, not bogus; so those are never reported as a broken chain.
    /// </summary>
    public static bool IsUsable(DsFact ds)
    {
        ArgumentNullException.ThrowIfNull(ds);
        return DnskeyDigest.IsSupportedDigestType(ds.DigestType) && ds.Algorithm is 5 or 7 or 8 or 10 or 13 or 14 or 15 or 16;
    }

    public static ChainAssessment Assess(DnssecFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var matches = facts.Ds.Select(ds =>
        {
            if (!IsUsable(ds))
            {
                return new DsMatch(ds, "unusable", null);
            }

            var key = facts.Dnskeys.FirstOrDefault(k => DnskeyDigest.Matches(facts.Zone, ds, k));
            return key is null ? new DsMatch(ds, "no_match", null) : new DsMatch(ds, "match", key.KeyTag);
        }).ToArray();

        var status = (facts.HasDs, facts.HasDnskey) switch
        {
            (false, false) => ChainStatus.NotSigned,
            (false, true) => ChainStatus.DnskeyWithoutDs,
            _ when matches.Any(m => m.Result == "match") => ChainStatus.Secure,
            _ when matches.Any(m => m.Result == "no_match") => ChainStatus.DsWithoutMatchingDnskey,
            _ => ChainStatus.DsUnusable,
        };
        return new ChainAssessment(status, matches);
    }

    public static IEnumerable<Issue> Run(DnssecFacts facts)
    {
        var assessment = Assess(facts);
        var zone = facts.Zone;
        switch (assessment.Status)
        {
            case ChainStatus.NotSigned:
                // Medium: internet.nl fails an unsigned domain (2 of 10 points, the same partial credit as DMARC p=none);
                // without DNSSEC nothing protects the zone's answers against spoofing and cache poisoning.
                yield return new Issue(ModuleKeys.Dnssec, DnssecCodes.NotSigned, Severity.Medium,
                    $"DNSSEC is not enabled for {zone}",
                    "Enable DNSSEC signing at your DNS provider and publish the DS record at your registrar.",
                    $"DS {zone}: none at the parent; DNSKEY {zone}: none",
                    "Resolvers cannot tell forged answers for this zone from real ones (cache poisoning, spoofed MX or A records).");
                break;
            case ChainStatus.DnskeyWithoutDs:
                yield return new Issue(ModuleKeys.Dnssec, DnssecCodes.DsMissing, Severity.Medium,
                    $"{zone} is signed but the parent has no DS record",
                    "Publish the DS record of the zone's key-signing key at your registrar to complete the chain of trust.",
                    $"DNSKEY {zone}: {DescribeKeys(facts)}; DS {zone}: none at the parent",
                    "Without a DS at the parent the chain of trust is broken: validating resolvers treat the zone as unsigned.");
                break;
            case ChainStatus.DsWithoutMatchingDnskey:
                yield return new Issue(ModuleKeys.Dnssec, DnssecCodes.DsNoMatchingDnskey, Severity.High,
                    $"The DS record of {zone} matches none of its DNSKEYs (DNSSEC bogus)",
                    "Replace the DS record at your registrar with the one of the zone's current key-signing key, or re-publish that key.",
                    $"DS {zone}: {DescribeDs(facts.Ds)}; DNSKEY {zone}: {DescribeKeys(facts)}; no DS digest equals the computed digest of any DNSKEY",
                    "Validating resolvers (Google 8.8.8.8, Cloudflare 1.1.1.1, Quad9 and most ISPs) return SERVFAIL for every name in this zone.");
                break;
            case ChainStatus.DsUnusable:
                yield return new Issue(ModuleKeys.Dnssec, DnssecCodes.DsUnsupportedDigest, Severity.Info,
                    $"The DS records of {zone} use digest types or algorithms validators ignore",
                    "Publish a DS with SHA-256 (digest type 2) for a key with a current algorithm (13 ECDSAP256SHA256 or 8 RSASHA256).",
                    $"DS {zone}: {DescribeDs(facts.Ds)}",
                    "The DS ↔ DNSKEY link could not be checked; validators treat such a zone as unsigned.");
                break;
            case ChainStatus.Secure:
            default:
                break;
        }
    }

    internal static string DescribeDs(IEnumerable<DsFact> ds) => string.Join(", ", ds.Select(d => string.Create(CultureInfo.InvariantCulture,
        $"{d.KeyTag} {d.Algorithm} {d.DigestType} {d.DigestHex}")));

    internal static string DescribeKeys(DnssecFacts facts) => facts.Dnskeys.Count == 0 ? "none"
        : string.Join(", ", facts.Dnskeys.Select(k => string.Create(CultureInfo.InvariantCulture,
            $"key tag {k.KeyTag} (flags {k.Flags}, algorithm {k.Algorithm})")));
}
