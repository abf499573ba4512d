namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// IANA suites that BouncyCastle does not implement (RC4, EXPORT, single DES, IDEA, RC2): only the raw ClientHello
/// probe offers them, since deciding acceptance needs no more than the server's ServerHello.
/// </summary>
public static class LegacySuites
{
    public static IReadOnlyList<CipherSuiteInfo> All { get; } =
    [
        new(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5"),
        new(0x0004, "TLS_RSA_WITH_RC4_128_MD5"),
        new(0x0005, "TLS_RSA_WITH_RC4_128_SHA"),
        new(0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5"),
        new(0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA"),
        new(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA"),
        new(0x0009, "TLS_RSA_WITH_DES_CBC_SHA"),
        new(0x000B, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA"),
        new(0x000C, "TLS_DH_DSS_WITH_DES_CBC_SHA"),
        new(0x000E, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA"),
        new(0x000F, "TLS_DH_RSA_WITH_DES_CBC_SHA"),
        new(0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA"),
        new(0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA"),
        new(0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA"),
        new(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA"),
        new(0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5"),
        new(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5"),
        new(0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA"),
        new(0x001A, "TLS_DH_anon_WITH_DES_CBC_SHA"),
        new(0xC002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA"),
        new(0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA"),
        new(0xC00C, "TLS_ECDH_RSA_WITH_RC4_128_SHA"),
        new(0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA"),
        new(0xC016, "TLS_ECDH_anon_WITH_RC4_128_SHA"),
    ];
}
