using System.Buffers.Binary;
using System.Security.Cryptography;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Dnssec;

/// <summary>
/// Wire-format DNSKEY, DS and RRSIG RDATA for test zones, written independently of the module's code: owner names come
/// from <see cref="LoopbackDnsServer.EncodeName"/>, key tags and digests are computed here from RFC 4034 directly.
/// </summary>
internal static class DnssecTestRecords
{
    public const ushort TypeDs = 43;
    public const ushort TypeRrsig = 46;
    public const ushort TypeDnskey = 48;
    public const ushort TypeSoa = 6;
    public const ushort TypeA = 1;

    /// <summary>A fresh ECDSA P-256 key as DNSKEY RDATA (algorithm 13; public key = X || Y, RFC 6605 §4).</summary>
    public static byte[] EcdsaP256Dnskey(ushort flags = 257)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        return Dnskey(flags, 13, [.. point.X!, .. point.Y!]);
    }

    /// <summary>An RSA key as DNSKEY RDATA (RFC 3110: exponent length, exponent, modulus).</summary>
    public static byte[] RsaDnskey(byte algorithm, ushort flags = 257, int bits = 2048)
    {
        using var rsa = RSA.Create(bits);
        var parameters = rsa.ExportParameters(false);
        return Dnskey(flags, algorithm, [(byte)parameters.Exponent!.Length, .. parameters.Exponent, .. parameters.Modulus!]);
    }

    public static byte[] Dnskey(ushort flags, byte algorithm, byte[] publicKey)
    {
        var rdata = new byte[4 + publicKey.Length];
        BinaryPrimitives.WriteUInt16BigEndian(rdata, flags);
        rdata[2] = 3;
        rdata[3] = algorithm;
        publicKey.CopyTo(rdata, 4);
        return rdata;
    }

    /// <summary>RFC 4034 Appendix B, for every algorithm but 1.</summary>
    public static ushort KeyTag(byte[] dnskeyRdata)
    {
        uint sum = 0;
        for (var i = 0; i < dnskeyRdata.Length; i++)
        {
            sum += i % 2 == 0 ? (uint)dnskeyRdata[i] << 8 : dnskeyRdata[i];
        }

        return (ushort)(sum + (sum >> 16));
    }

    /// <summary>The DS RDATA naming <paramref name="dnskeyRdata"/> at <paramref name="owner"/> with SHA-256 (or SHA-1).</summary>
    public static byte[] DsFor(string owner, byte[] dnskeyRdata, byte digestType = 2)
    {
        byte[] signed = [.. LoopbackDnsServer.EncodeName(owner), .. dnskeyRdata];
#pragma warning disable CA5350 // DS digest type 1 is SHA-1 by definition.
        var digest = digestType == 1 ? SHA1.HashData(signed) : SHA256.HashData(signed);
#pragma warning restore CA5350
        return Ds(KeyTag(dnskeyRdata), dnskeyRdata[3], digestType, digest);
    }

    public static byte[] Ds(ushort keyTag, byte algorithm, byte digestType, byte[] digest)
    {
        var rdata = new byte[4 + digest.Length];
        BinaryPrimitives.WriteUInt16BigEndian(rdata, keyTag);
        rdata[2] = algorithm;
        rdata[3] = digestType;
        digest.CopyTo(rdata, 4);
        return rdata;
    }

    /// <summary>RRSIG RDATA (RFC 4034 §3.1) with a random signature: the module checks windows, not signatures.</summary>
    public static byte[] Rrsig(ushort coveredType, byte algorithm, string owner, string signer, ushort keyTag, DateTimeOffset inception, DateTimeOffset expiration)
    {
        var head = new byte[18];
        BinaryPrimitives.WriteUInt16BigEndian(head, coveredType);
        head[2] = algorithm;
        head[3] = (byte)owner.Split('.').Length;
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(4), 3600);
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), (uint)expiration.ToUnixTimeSeconds());
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(12), (uint)inception.ToUnixTimeSeconds());
        BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(16), keyTag);
        return [.. head, .. LoopbackDnsServer.EncodeName(signer), .. RandomNumberGenerator.GetBytes(64)];
    }

    /// <summary>SOA RDATA with uncompressed names.</summary>
    public static byte[] Soa(string zone)
    {
        var numbers = new byte[20];
        BinaryPrimitives.WriteUInt32BigEndian(numbers, 2026010101);
        BinaryPrimitives.WriteUInt32BigEndian(numbers.AsSpan(4), 3600);
        BinaryPrimitives.WriteUInt32BigEndian(numbers.AsSpan(8), 600);
        BinaryPrimitives.WriteUInt32BigEndian(numbers.AsSpan(12), 86400);
        BinaryPrimitives.WriteUInt32BigEndian(numbers.AsSpan(16), 300);
        return [.. LoopbackDnsServer.EncodeName("ns1." + zone), .. LoopbackDnsServer.EncodeName("hostmaster." + zone), .. numbers];
    }
}

/// <summary>A signed test zone on a <see cref="LoopbackDnsServer"/>: apex A, SOA, DNSKEY, optional DS, RRSIGs over each.</summary>
internal sealed class SignedTestZone
{
    public SignedTestZone(LoopbackDnsServer dns, string zone, byte[] dnskey)
    {
        Dns = dns;
        Zone = zone;
        Dnskey = dnskey;
        dns.AddA(zone, "127.0.0.1")
            .AddRecord(zone, DnssecTestRecords.TypeSoa, DnssecTestRecords.Soa(zone))
            .AddRecord(zone, DnssecTestRecords.TypeDnskey, dnskey);
    }

    public LoopbackDnsServer Dns { get; }

    public string Zone { get; }

    public byte[] Dnskey { get; }

    public ushort KeyTag => DnssecTestRecords.KeyTag(Dnskey);

    public SignedTestZone WithDs(byte[]? ds = null)
    {
        Dns.AddRecord(Zone, DnssecTestRecords.TypeDs, ds ?? DnssecTestRecords.DsFor(Zone, Dnskey));
        return this;
    }

    /// <summary>RRSIGs over DNSKEY, SOA and A, valid from <paramref name="inception"/> to <paramref name="expiration"/>.</summary>
    public SignedTestZone SignedBetween(DateTimeOffset inception, DateTimeOffset expiration, params ushort[] types)
    {
        foreach (var type in types.Length > 0 ? types : [DnssecTestRecords.TypeDnskey, DnssecTestRecords.TypeSoa, DnssecTestRecords.TypeA])
        {
            Dns.AddRecord(Zone, DnssecTestRecords.TypeRrsig, DnssecTestRecords.Rrsig(type, Dnskey[3], Zone, Zone, KeyTag, inception, expiration));
        }

        return this;
    }

    public SignedTestZone SignedNow(params ushort[] types)
        => SignedBetween(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(14), types);
}
