namespace ComplianceLayer.Scanning.Modules.Dnssec;

/// <summary>How strong a DNSSEC signing algorithm is, after RFC 8624 §3.1 and its 2025 update (RSA/SHA-1 no longer for signing).</summary>
public enum AlgorithmStrength
{
    Unknown,
    Weak,
    Acceptable,
    Good,
}

/// <summary>IANA DNSSEC algorithm numbers, their mnemonics and strength; DS digest type names.</summary>
public static class DnssecAlgorithms
{
    public static string Name(int algorithm) => algorithm switch
    {
        1 => "RSAMD5",
        3 => "DSA",
        5 => "RSASHA1",
        6 => "DSA-NSEC3-SHA1",
        7 => "RSASHA1-NSEC3-SHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        12 => "ECC-GOST",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        _ => $"ALG{algorithm}",
    };

    /// <summary>
    /// MD5, DSA, SHA-1 based and GOST R 34.10-2001 algorithms are "MUST NOT" or "NOT RECOMMENDED" for signing in RFC 8624;
    /// RSA/SHA-2 remains acceptable; ECDSA and EdDSA are the recommended choices.
    /// </summary>
    public static AlgorithmStrength Strength(int algorithm) => algorithm switch
    {
        1 or 3 or 5 or 6 or 7 or 12 => AlgorithmStrength.Weak,
        8 or 10 => AlgorithmStrength.Acceptable,
        13 or 14 or 15 or 16 => AlgorithmStrength.Good,
        _ => AlgorithmStrength.Unknown,
    };

    public static string DigestName(int digestType) => digestType switch
    {
        1 => "SHA-1",
        2 => "SHA-256",
        3 => "GOST R 34.11-94",
        4 => "SHA-384",
        _ => $"DIGEST{digestType}",
    };

    /// <summary>Key size in bits where the public key format says it (RSA modulus per RFC 3110, fixed-size curves); null otherwise.</summary>
    public static int? KeySizeBits(DnskeyFact key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pk = key.PublicKey.Span;
        switch (key.Algorithm)
        {
            case 1 or 5 or 7 or 8 or 10:
                if (pk.Length < 3)
                {
                    return null;
                }

                var (exponentLength, offset) = pk[0] != 0 ? (pk[0], 1) : ((pk[1] << 8) | pk[2], 3);
                var modulus = pk[Math.Min(pk.Length, offset + exponentLength)..];
                var leading = 0;
                while (leading < modulus.Length && modulus[leading] == 0)
                {
                    leading++;
                }

                if (leading == modulus.Length)
                {
                    return null;
                }

                return ((modulus.Length - leading) * 8) - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[leading]) + 24;
            case 13:
                return pk.Length == 64 ? 256 : null;
            case 14:
                return pk.Length == 96 ? 384 : null;
            case 15:
                return pk.Length == 32 ? 256 : null;
            case 16:
                return pk.Length == 57 ? 456 : null;
            default:
                return null;
        }
    }
}
