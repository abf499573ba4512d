using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ComplianceLayer.Scanning.Net;

/// <summary>What the checks need to know about one certificate, read once.</summary>
public sealed record CertificateDetails
{
    public required X509Certificate2 Certificate { get; init; }

    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public required string SerialNumber { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public required IReadOnlyList<string> DnsNames { get; init; }

    public required IReadOnlyList<string> IpAddresses { get; init; }

    /// <summary>"RSA", "EC", "DSA", "Ed25519", "Ed448" or the key's OID.</summary>
    public required string KeyAlgorithm { get; init; }

    /// <summary>Bits (RSA modulus, EC field size); 0 when unknown.</summary>
    public required int KeySize { get; init; }

    /// <summary>EC curve name (e.g. "nistP256"), else null.</summary>
    public string? Curve { get; init; }

    /// <summary>E.g. "sha256RSA", "sha256ECDSA", "sha1RSA".</summary>
    public required string SignatureAlgorithm { get; init; }

    public required string SignatureAlgorithmOid { get; init; }

    public required string Sha256Fingerprint { get; init; }

    /// <summary>Subject equals issuer (a root or a self-signed leaf).</summary>
    public required bool IsSelfIssued { get; init; }

    public required bool IsCertificateAuthority { get; init; }

    public static CertificateDetails From(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var san = HostnameMatcher.GetSubjectAlternativeName(certificate);
        var (algorithm, size, curve) = DescribeKey(certificate);
        var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        return new CertificateDetails
        {
            Certificate = certificate,
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            SerialNumber = certificate.SerialNumber,
            NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            DnsNames = san is null ? [] : [.. san.EnumerateDnsNames()],
            IpAddresses = san is null ? [] : [.. san.EnumerateIPAddresses().Select(a => a.ToString())],
            KeyAlgorithm = algorithm,
            KeySize = size,
            Curve = curve,
            SignatureAlgorithm = certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value ?? "unknown",
            SignatureAlgorithmOid = certificate.SignatureAlgorithm.Value ?? "",
            Sha256Fingerprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            IsSelfIssued = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData),
            IsCertificateAuthority = basic?.CertificateAuthority ?? false,
        };
    }

    private static (string Algorithm, int Size, string? Curve) DescribeKey(X509Certificate2 certificate)
    {
        try
        {
            return DescribeKnownKey(certificate);
        }
        catch (Exception ex) when (ex is CryptographicException or PlatformNotSupportedException)
        {
            return (certificate.PublicKey.Oid.Value ?? "unknown", 0, null);
        }
    }

    private static (string Algorithm, int Size, string? Curve) DescribeKnownKey(X509Certificate2 certificate)
    {
        switch (certificate.PublicKey.Oid.Value)
        {
            case "1.2.840.113549.1.1.1":
            case "1.2.840.113549.1.1.10":
                using (var rsa = certificate.GetRSAPublicKey())
                {
                    return ("RSA", rsa?.KeySize ?? 0, null);
                }

            case "1.2.840.10045.2.1":
                using (var ec = certificate.GetECDsaPublicKey())
                {
                    var curve = ec?.ExportParameters(false).Curve.Oid;
                    return ("EC", ec?.KeySize ?? 0, curve?.FriendlyName ?? curve?.Value);
                }

            case "1.2.840.10040.4.1":
                using (var dsa = certificate.GetDSAPublicKey())
                {
                    return ("DSA", dsa?.KeySize ?? 0, null);
                }

            case "1.3.101.112":
                return ("Ed25519", 256, null);
            case "1.3.101.113":
                return ("Ed448", 456, null);
            default:
                return (certificate.PublicKey.Oid.Value ?? "unknown", 0, null);
        }
    }
}
