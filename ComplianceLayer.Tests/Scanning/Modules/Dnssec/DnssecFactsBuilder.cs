using ComplianceLayer.Scanning.Modules.Dnssec;

namespace ComplianceLayer.Tests.Scanning.Modules.Dnssec;

/// <summary>Hand-built facts for the pure checks.</summary>
internal static class DnssecFactsBuilder
{
    public const string Zone = "example.com";

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static DnskeyFact Key(byte algorithm = 13, ushort flags = 257)
    {
        var rdata = algorithm == 13 ? DnssecTestRecords.EcdsaP256Dnskey(flags) : DnssecTestRecords.RsaDnskey(algorithm, flags, 1024);
        return new DnskeyFact(flags, 3, algorithm, rdata.AsMemory(4));
    }

    public static DsFact DsOf(DnskeyFact key, int digestType = 2)
        => new(key.KeyTag, key.Algorithm, digestType, DnskeyDigest.Compute(Zone, key, digestType)!);

    public static RrsigFact Sig(string type, DateTimeOffset inception, DateTimeOffset expiration, int keyTag = 1)
        => new(type, 13, keyTag, Zone, inception, expiration);

    public static SignedRrset Rrset(string type, params RrsigFact[] signatures) => new(Zone, type, signatures);

    public static SignedRrset ValidRrset(string type) => Rrset(type, Sig(type, Now.AddDays(-1), Now.AddDays(7)));

    public static DnssecFacts Facts(IReadOnlyList<DsFact>? ds = null, IReadOnlyList<DnskeyFact>? keys = null, IReadOnlyList<SignedRrset>? rrsets = null)
        => new(Zone, "registrable_domain", ds ?? [], keys ?? [], rrsets ?? [], false, Now);

    /// <summary>A healthy zone: ECDSA KSK with its SHA-256 DS, all RRsets validly signed.</summary>
    public static DnssecFacts Secure(DnskeyFact? key = null)
    {
        var ksk = key ?? Key();
        return Facts([DsOf(ksk)], [ksk], [ValidRrset("DNSKEY"), ValidRrset("SOA"), ValidRrset("A")]);
    }
}
