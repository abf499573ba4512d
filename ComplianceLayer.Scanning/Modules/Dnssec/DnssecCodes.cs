namespace ComplianceLayer.Scanning.Modules.Dnssec;

/// <summary>Finding codes of the <c>dnssec</c> module. Never renamed once shipped.</summary>
public static class DnssecCodes
{
    /// <summary>No DNSKEY at the zone and no DS at the parent.</summary>
    public const string NotSigned = "dnssec.not_signed";

    /// <summary>The zone publishes DNSKEYs but the parent has no DS: validators treat the zone as unsigned.</summary>
    public const string DsMissing = "dnssec.ds.missing";

    /// <summary>The parent's DS records match no DNSKEY of the zone: the zone is bogus for validating resolvers.</summary>
    public const string DsNoMatchingDnskey = "dnssec.ds.no_matching_dnskey";

    /// <summary>Every DS uses SHA-1 (digest type 1).</summary>
    public const string DsSha1Only = "dnssec.ds.sha1_only";

    /// <summary>No DS uses a digest type this scanner can compute: the DS ↔ DNSKEY link could not be checked.</summary>
    public const string DsUnsupportedDigest = "dnssec.ds.unsupported_digest";

    /// <summary>Every RRSIG over an RRset has expired (subject: the covered type).</summary>
    public const string RrsigExpired = "dnssec.rrsig.expired";

    /// <summary>No RRSIG over an RRset is valid yet (subject: the covered type).</summary>
    public const string RrsigNotYetValid = "dnssec.rrsig.not_yet_valid";

    /// <summary>A signed zone's RRset came without any RRSIG while others had them (subject: the type).</summary>
    public const string RrsigMissing = "dnssec.rrsig.missing";

    /// <summary>The resolver returned no RRSIG at all although DO was set: signatures could not be checked.</summary>
    public const string RrsigNotReturned = "dnssec.rrsig.not_returned";

    /// <summary>A DNSKEY or DS uses a deprecated algorithm (subject: the algorithm's mnemonic).</summary>
    public const string AlgorithmWeak = "dnssec.algorithm.weak";
}
