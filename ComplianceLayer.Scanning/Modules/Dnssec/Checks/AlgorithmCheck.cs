using System.Globalization;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Dnssec.Checks;

/// <summary>Signing algorithms (RFC 8624) and DS digest types in use.</summary>
public static class AlgorithmCheck
{
    public static IEnumerable<Issue> Run(DnssecFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var algorithms = facts.Dnskeys.Select(k => k.Algorithm).Concat(facts.Ds.Select(d => d.Algorithm)).Distinct().Order();
        foreach (var algorithm in algorithms.Where(a => DnssecAlgorithms.Strength(a) == AlgorithmStrength.Weak))
        {
            var name = DnssecAlgorithms.Name(algorithm);
            var keys = facts.Dnskeys.Where(k => k.Algorithm == algorithm).Select(k => $"DNSKEY key tag {k.KeyTag}")
                .Concat(facts.Ds.Where(d => d.Algorithm == algorithm).Select(d => $"DS key tag {d.KeyTag}"));
            yield return new Issue(ModuleKeys.Dnssec, DnssecCodes.AlgorithmWeak, Severity.Medium,
                $"{facts.Zone} is signed with the deprecated algorithm {name}",
                "Roll the zone's keys to ECDSAP256SHA256 (13) or ED25519 (15); RSASHA256 (8) remains acceptable.",
                string.Create(CultureInfo.InvariantCulture, $"Algorithm {algorithm} ({name}): {string.Join(", ", keys)}"),
                "RFC 8624 deprecates MD5-, DSA-, SHA-1- and GOST-based DNSSEC algorithms; validators are dropping support, which turns the zone insecure.",
                name);
        }

        if (facts.HasDs && facts.Ds.All(d => d.DigestType == DnskeyDigest.DigestSha1))
        {
            yield return new Issue(ModuleKeys.Dnssec, DnssecCodes.DsSha1Only, Severity.Low,
                $"The DS records of {facts.Zone} use only SHA-1",
                "Publish a DS record with digest type 2 (SHA-256) at your registrar and then remove the SHA-1 one.",
                $"DS {facts.Zone}: {ChainCheck.DescribeDs(facts.Ds)}",
                "RFC 8624 says DS digest type 1 (SHA-1) MUST NOT be used for new DS records.");
        }
    }
}
