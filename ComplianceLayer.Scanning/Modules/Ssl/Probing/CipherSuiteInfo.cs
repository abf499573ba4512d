namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>NCSC-NL TLS guidelines (2025) rating of a cipher suite, as internet.nl applies them.</summary>
public enum SuiteRating
{
    Good,
    Sufficient,
    PhaseOut,
    Insufficient,
}

/// <summary>One cipher suite by its IANA name; its properties are read from the name, which encodes them.</summary>
public sealed record CipherSuiteInfo(ushort Id, string Name)
{
    /// <summary>Key exchange and authentication ("ECDHE_RSA", "RSA", "DH_anon", "RSA_EXPORT"); "TLS13" for TLS 1.3 suites.</summary>
    public string KeyExchange { get; } = Name.Contains("_WITH_", StringComparison.Ordinal)
        ? Name[4..Name.IndexOf("_WITH_", StringComparison.Ordinal)]
        : "TLS13";

    /// <summary>Cipher and MAC ("AES_128_GCM_SHA256").</summary>
    public string Cipher { get; } = Name.Contains("_WITH_", StringComparison.Ordinal)
        ? Name[(Name.IndexOf("_WITH_", StringComparison.Ordinal) + 6)..]
        : Name[4..];

    public bool IsTls13 => KeyExchange == "TLS13";

    public bool IsNull => Cipher.StartsWith("NULL", StringComparison.Ordinal);

    public bool IsAnonymous => KeyExchange.Contains("anon", StringComparison.Ordinal);

    public bool IsExport => KeyExchange.Contains("EXPORT", StringComparison.Ordinal);

    public bool IsRc4 => Cipher.StartsWith("RC4", StringComparison.Ordinal);

    public bool IsTripleDes => Cipher.StartsWith("3DES", StringComparison.Ordinal);

    /// <summary>Single DES (56 bits), not 3DES and not the 40-bit export variant.</summary>
    public bool IsDes => Cipher.StartsWith("DES_CBC", StringComparison.Ordinal);

    public bool IsAead => Cipher.Contains("_GCM", StringComparison.Ordinal) || Cipher.Contains("_CCM", StringComparison.Ordinal) || Cipher.Contains("POLY1305", StringComparison.Ordinal);

    /// <summary>Ephemeral key exchange: (EC)DHE, or any TLS 1.3 suite.</summary>
    public bool HasForwardSecrecy => IsTls13 || KeyExchange.StartsWith("ECDHE", StringComparison.Ordinal) || KeyExchange.StartsWith("DHE", StringComparison.Ordinal);

    public SuiteRating Rating => NcscSuiteRatings.Rate(this);
}
