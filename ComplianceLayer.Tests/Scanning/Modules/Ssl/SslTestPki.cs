using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl;

/// <summary>Certificates for the ssl module tests: an intermediate under the shared test CA, RSA or EC leaves, SHA-1 signatures.</summary>
internal static class SslTestPki
{
    private static readonly Lazy<X509Certificate2> LazyIntermediate = new(CreateIntermediate);

    public static X509Certificate2 Intermediate => LazyIntermediate.Value;

    /// <param name="issuer">The signing CA; null for a self-signed leaf.</param>
    /// <param name="rsaBits">An RSA key of this size; null for EC P-256.</param>
    public static X509Certificate2 Leaf(
        string[] names,
        X509Certificate2? issuer,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        int? rsaBits = null,
        HashAlgorithmName? hash = null)
    {
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddDays(60);
        var algorithm = hash ?? HashAlgorithmName.SHA256;
        if (rsaBits is { } bits)
        {
            using var rsa = RSA.Create(bits);
            var request = Request(new CertificateRequest($"CN={names[0]}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), names, issuer);
            if (algorithm == HashAlgorithmName.SHA1 && issuer is null)
            {
                // .NET no longer signs with SHA-1 itself: a generator that does, for a self-signed legacy certificate.
                using var sha1 = request.Create(request.SubjectName, new Sha1RsaSignatureGenerator(rsa), from, to, [0x01, 0x02]);
                return sha1.CopyWithPrivateKey(rsa);
            }

            return Issue(request, issuer, from, to, c => c.CopyWithPrivateKey(rsa));
        }

        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ecRequest = Request(new CertificateRequest($"CN={names[0]}", ec, algorithm), names, issuer);
        return Issue(ecRequest, issuer, from, to, c => c.CopyWithPrivateKey(ec));
    }

    private static CertificateRequest Request(CertificateRequest request, string[] names, X509Certificate2? issuer)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is not null)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        }

        return request;
    }

    private static X509Certificate2 Issue(CertificateRequest request, X509Certificate2? issuer, DateTimeOffset from, DateTimeOffset to, Func<X509Certificate2, X509Certificate2> withKey)
    {
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, to);
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        // The test CAs have EC keys; an RSA leaf needs the explicit generator overload.
        using var caKey = issuer.GetECDsaPrivateKey()!;
        using var issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), from, to, serial);
        return withKey(issued);
    }

    private static X509Certificate2 CreateIntermediate()
    {
        var ca = TestCertificates.Ca;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ComplianceLayer Test Intermediate", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-300), DateTimeOffset.UtcNow.AddDays(300), [0x01, 0x23, 0x45, 0x67]);
        return issued.CopyWithPrivateKey(key);
    }

    private sealed class Sha1RsaSignatureGenerator(RSA key) : X509SignatureGenerator
    {
        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) =>
            [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05, 0x05, 0x00];

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
            key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
    }
}
