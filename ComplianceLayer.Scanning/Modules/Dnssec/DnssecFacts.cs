namespace ComplianceLayer.Scanning.Modules.Dnssec;

/// <summary>What the module fetched about one zone; the checks read nothing else.</summary>
/// <param name="Zone">The zone apex the report is about (lower-case, no trailing dot).</param>
/// <param name="ZoneSource">How the apex was found: <c>soa</c> (an SOA at or above the scanned name) or <c>registrable_domain</c>.</param>
/// <param name="Rrsets">The RRsets asked for with DO (DNSKEY, SOA, the scanned name's A) and the RRSIGs that came with each.</param>
/// <param name="ResolverAuthenticated">The AD bit of the DNSKEY answer: only meaningful when the configured resolver validates.</param>
public sealed record DnssecFacts(
    string Zone,
    string ZoneSource,
    IReadOnlyList<DsFact> Ds,
    IReadOnlyList<DnskeyFact> Dnskeys,
    IReadOnlyList<SignedRrset> Rrsets,
    bool ResolverAuthenticated,
    DateTimeOffset Now)
{
    public bool HasDs => Ds.Count > 0;

    public bool HasDnskey => Dnskeys.Count > 0;
}

/// <summary>One DS record at the parent.</summary>
public sealed record DsFact(int KeyTag, int Algorithm, int DigestType, ReadOnlyMemory<byte> Digest)
{
    public string DigestHex => Convert.ToHexString(Digest.Span);
}

/// <summary>One DNSKEY record at the zone apex.</summary>
public sealed record DnskeyFact(int Flags, int Protocol, int Algorithm, ReadOnlyMemory<byte> PublicKey)
{
    /// <summary>Flag bit 7: only zone keys may validate the zone's data (RFC 4034 §2.1.1).</summary>
    public bool IsZoneKey => (Flags & 0x0100) != 0;

    /// <summary>Flag bit 15 (SEP): conventionally the key-signing key.</summary>
    public bool IsSecureEntryPoint => (Flags & 0x0001) != 0;

    public int KeyTag => DnskeyDigest.KeyTag(this);
}

/// <summary>An RRset fetched with DO, and the RRSIGs that covered it in the answer.</summary>
public sealed record SignedRrset(string Owner, string Type, IReadOnlyList<RrsigFact> Signatures);

/// <summary>The parts of an RRSIG the checks use. Signatures are not verified cryptographically.</summary>
public sealed record RrsigFact(string CoveredType, int Algorithm, int KeyTag, string Signer, DateTimeOffset Inception, DateTimeOffset Expiration)
{
    public bool IsValidAt(DateTimeOffset now) => Inception <= now && now <= Expiration;
}
