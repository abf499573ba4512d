using System.Text.Json.Nodes;
using ComplianceLayer.Scanning.Modules.Dnssec.Checks;

namespace ComplianceLayer.Scanning.Modules.Dnssec;

/// <summary>The module's <c>details</c>: what was measured, whether or not it led to a finding.</summary>
internal static class DnssecDetails
{
    public static JsonObject Build(DnssecFacts facts, ChainAssessment chain, string? resolver) => new()
    {
        ["zone"] = facts.Zone,
        ["zone_source"] = facts.ZoneSource,
        ["status"] = chain.Status switch
        {
            ChainStatus.NotSigned => "unsigned",
            ChainStatus.DnskeyWithoutDs => "insecure_no_ds",
            ChainStatus.DsWithoutMatchingDnskey => "bogus_ds_mismatch",
            ChainStatus.DsUnusable => "insecure_unusable_ds",
            _ => "chain_ok",
        },
        ["ds"] = new JsonArray([.. chain.Matches.Select(m => (JsonNode)new JsonObject
        {
            ["key_tag"] = m.Ds.KeyTag,
            ["algorithm"] = m.Ds.Algorithm,
            ["algorithm_name"] = DnssecAlgorithms.Name(m.Ds.Algorithm),
            ["digest_type"] = m.Ds.DigestType,
            ["digest_type_name"] = DnssecAlgorithms.DigestName(m.Ds.DigestType),
            ["digest"] = m.Ds.DigestHex,
            ["match"] = m.Result,
            ["matched_key_tag"] = m.MatchedKeyTag,
        })]),
        ["dnskeys"] = new JsonArray([.. facts.Dnskeys.Select(k => (JsonNode)new JsonObject
        {
            ["flags"] = k.Flags,
            ["role"] = !k.IsZoneKey ? "not_zone_key" : k.IsSecureEntryPoint ? "ksk" : "zsk",
            ["protocol"] = k.Protocol,
            ["algorithm"] = k.Algorithm,
            ["algorithm_name"] = DnssecAlgorithms.Name(k.Algorithm),
            ["algorithm_strength"] = DnssecAlgorithms.Strength(k.Algorithm).ToString().ToLowerInvariant(),
            ["key_tag"] = k.KeyTag,
            ["key_size"] = DnssecAlgorithms.KeySizeBits(k),
        })]),
        ["ds_matches"] = chain.Matches.Any(m => m.Result == "match"),
        ["rrsigs"] = new JsonArray([.. facts.Rrsets.Select(r => (JsonNode)new JsonObject
        {
            ["owner"] = r.Owner,
            ["type"] = r.Type,
            ["signatures"] = new JsonArray([.. r.Signatures.Select(s => (JsonNode)new JsonObject
            {
                ["algorithm"] = s.Algorithm,
                ["algorithm_name"] = DnssecAlgorithms.Name(s.Algorithm),
                ["key_tag"] = s.KeyTag,
                ["signer"] = s.Signer,
                ["inception"] = RrsigValidityCheck.Format(s.Inception),
                ["expiration"] = RrsigValidityCheck.Format(s.Expiration),
                ["valid_now"] = s.IsValidAt(facts.Now),
            })]),
        })]),
        ["signatures_verified"] = false,
        ["signatures_note"] = "RRSIG validity windows are checked against the scan time; the signatures themselves are not verified cryptographically.",
        ["resolver"] = resolver,
        ["resolver_ad"] = facts.ResolverAuthenticated,
        ["resolver_ad_note"] = "The resolver says authenticated (AD) only if it validates DNSSEC; AD false from a non-validating resolver proves nothing.",
        ["checked_at"] = RrsigValidityCheck.Format(facts.Now),
    };
}
