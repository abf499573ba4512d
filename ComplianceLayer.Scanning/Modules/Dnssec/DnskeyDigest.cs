using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ComplianceLayer.Scanning.Modules.Dnssec;

/// <summary>RFC 4034 key tags and DS digests, so that the DS ↔ DNSKEY link is checked here rather than trusted to the resolver.</summary>
public static class DnskeyDigest
{
    public const int DigestSha1 = 1;
    public const int DigestSha256 = 2;
    public const int DigestSha384 = 4;

    public static bool IsSupportedDigestType(int digestType) => digestType is DigestSha1 or DigestSha256 or DigestSha384;

    /// <summary>DNSKEY RDATA: flags, protocol, algorithm, public key (RFC 4034 §2.1).</summary>
    public static byte[] Rdata(DnskeyFact key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rdata = new byte[4 + key.PublicKey.Length];
        BinaryPrimitives.WriteUInt16BigEndian(rdata, (ushort)key.Flags);
        rdata[2] = (byte)key.Protocol;
        rdata[3] = (byte)key.Algorithm;
        key.PublicKey.Span.CopyTo(rdata.AsSpan(4));
        return rdata;
    }

    /// <summary>The key tag (RFC 4034 Appendix B), including the RSA/MD5 special case of B.1.</summary>
    public static int KeyTag(DnskeyFact key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Algorithm == 1)
        {
            var pk = key.PublicKey.Span;
            return pk.Length < 3 ? 0 : (pk[^3] << 8) | pk[^2];
        }

        var rdata = Rdata(key);
        long ac = 0;
        for (var i = 0; i < rdata.Length; i++)
        {
            ac += (i & 1) != 0 ? rdata[i] : rdata[i] << 8;
        }

        ac += (ac >> 16) & 0xFFFF;
        return (int)(ac & 0xFFFF);
    }

    /// <summary>The owner name in canonical wire form: lower-case labels, uncompressed, root label last (RFC 4034 §6.2).</summary>
    public static byte[] CanonicalName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var encoded = Encoding.ASCII.GetBytes(label.ToLowerInvariant());
            bytes.Add((byte)encoded.Length);
            bytes.AddRange(encoded);
        }

        bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>The DS digest of <paramref name="key"/> at <paramref name="owner"/> (RFC 4034 §5.1.4), or null for an unsupported digest type.</summary>
    public static byte[]? Compute(string owner, DnskeyFact key, int digestType)
    {
        byte[] data = [.. CanonicalName(owner), .. Rdata(key)];
        return digestType switch
        {
#pragma warning disable CA5350 // SHA-1 is what DS digest type 1 is defined as; it is reproduced here, not relied on.
            DigestSha1 => SHA1.HashData(data),
#pragma warning restore CA5350
            DigestSha256 => SHA256.HashData(data),
            DigestSha384 => SHA384.HashData(data),
            _ => null,
        };
    }

    /// <summary>True when <paramref name="ds"/> names <paramref name="key"/>: same key tag, algorithm and digest over a zone key.</summary>
    public static bool Matches(string owner, DsFact ds, DnskeyFact key)
    {
        ArgumentNullException.ThrowIfNull(ds);
        ArgumentNullException.ThrowIfNull(key);
        if (!key.IsZoneKey || key.Protocol != 3 || ds.Algorithm != key.Algorithm || ds.KeyTag != key.KeyTag)
        {
            return false;
        }

        var digest = Compute(owner, key, ds.DigestType);
        return digest is not null && CryptographicOperations.FixedTimeEquals(digest, ds.Digest.Span);
    }
}
