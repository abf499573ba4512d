namespace ComplianceLayer.Scanning.Modules.Ssl;

/// <summary>Finding codes of the ssl module. Never rename a shipped code: scoring caps, compliance mapping and diffs join on them.</summary>
public static class SslCodes
{
    public const string NoHttps = "ssl.no_https";
    public const string HttpNoRedirect = "ssl.http.no_redirect_to_https";

    public const string CertExpired = "ssl.cert.expired";
    public const string CertNotYetValid = "ssl.cert.not_yet_valid";
    public const string CertExpiringSoon = "ssl.cert.expiring_soon";
    public const string CertSelfSigned = "ssl.cert.self_signed";
    public const string CertUntrusted = "ssl.cert.untrusted";
    public const string CertIncompleteChain = "ssl.cert.incomplete_chain";
    public const string CertHostnameMismatch = "ssl.cert.hostname_mismatch";
    public const string CertWeakKey = "ssl.cert.weak_key";
    public const string CertWeakSignature = "ssl.cert.weak_signature";

    public const string Ssl3Enabled = "ssl.protocol.ssl3_enabled";
    public const string Tls10Enabled = "ssl.protocol.tls10_enabled";
    public const string Tls11Enabled = "ssl.protocol.tls11_enabled";
    public const string Tls13Missing = "ssl.protocol.tls13_not_supported";
    public const string Tls12Missing = "ssl.protocol.tls12_not_supported";

    public const string CipherRc4 = "ssl.cipher.rc4";
    public const string Cipher3Des = "ssl.cipher.3des";
    public const string CipherDes = "ssl.cipher.des";
    public const string CipherExport = "ssl.cipher.export";
    public const string CipherNull = "ssl.cipher.null";
    public const string CipherAnon = "ssl.cipher.anon";
    public const string CipherCbcOnly = "ssl.cipher.cbc_only";
    public const string CipherNoForwardSecrecy = "ssl.cipher.no_forward_secrecy";
    public const string CipherNcscInsufficient = "ssl.cipher.ncsc_insufficient";
}
