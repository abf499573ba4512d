namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// The NCSC-NL 2025 cipher lists as internet.nl encodes them (checks/tasks/tls/tls_constants.py, "Update to NCSC 2025
/// requirements"): two good, the ECDHE AEAD suites sufficient, ECDHE CBC-SHA2/CAMELLIA/ARIA and DHE-RSA (except
/// SHA-1 CBC) phase-out, everything else (RSA key transport, SHA-1 CBC, 3DES, RC4, CCM_8 …) insufficient.
/// </summary>
public static class NcscSuiteRatings
{
    private static readonly HashSet<string> Good = new(StringComparer.Ordinal)
    {
        "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
    };

    private static readonly HashSet<string> Sufficient = new(StringComparer.Ordinal)
    {
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_128_CCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CCM",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
    };

    /// <summary>Key exchanges whose non-SHA-1, non-CCM_8 suites are phase-out (besides the sufficient ones above).</summary>
    private static readonly string[] PhaseOutKeyExchanges = ["ECDHE_ECDSA", "ECDHE_RSA", "DHE_RSA"];

    /// <summary>Cipher families NCSC lists under phase-out for those key exchanges.</summary>
    private static readonly string[] PhaseOutCiphers = ["AES_", "CAMELLIA_", "ARIA_", "CHACHA20_POLY1305"];

    public static SuiteRating Rate(CipherSuiteInfo suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (Good.Contains(suite.Name))
        {
            return SuiteRating.Good;
        }

        if (Sufficient.Contains(suite.Name))
        {
            return SuiteRating.Sufficient;
        }

        var sha1Mac = suite.Cipher.EndsWith("_SHA", StringComparison.Ordinal) || suite.Cipher.EndsWith("_MD5", StringComparison.Ordinal);
        var ccm8 = suite.Cipher.EndsWith("CCM_8", StringComparison.Ordinal);
        if (!sha1Mac && !ccm8
            && PhaseOutKeyExchanges.Contains(suite.KeyExchange, StringComparer.Ordinal)
            && PhaseOutCiphers.Any(c => suite.Cipher.StartsWith(c, StringComparison.Ordinal)))
        {
            return SuiteRating.PhaseOut;
        }

        return SuiteRating.Insufficient;
    }

    public static string Label(this SuiteRating rating) => rating switch
    {
        SuiteRating.Good => "good",
        SuiteRating.Sufficient => "sufficient",
        SuiteRating.PhaseOut => "phase_out",
        _ => "insufficient",
    };
}
