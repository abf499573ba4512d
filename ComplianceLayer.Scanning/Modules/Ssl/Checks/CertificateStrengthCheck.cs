using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Scanning.Modules.Ssl.Checks;

/// <summary>Weak key (RSA/DSA &lt; 2048, EC &lt; 256) and SHA-1/MD5 signatures on the leaf or the intermediates sent.</summary>
public static class CertificateStrengthCheck
{
    public static IEnumerable<Issue> Run(CertificateFacts certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var leaf = certificate.Leaf;
        if (IsWeakKey(leaf))
        {
            yield return SslIssue.Create(SslCodes.CertWeakKey, Severity.High,
                $"The certificate has a weak {leaf.Key} key",
                "Issue a new certificate with an RSA key of at least 2048 bits (3072 preferred) or an EC P-256/P-384 key.",
                $"key {leaf.Key}, subject {leaf.Subject}",
                "Keys below RSA-2048 / EC-256 are below every current baseline (CA/B Forum, NIST SP 800-131A, NCSC).");
        }

        // Roots are trusted by their presence in the store, not by their signature: only the leaf and intermediates count.
        var weak = certificate.Presented.Skip(1).Where(c => !c.IsSelfIssued).Prepend(leaf).Where(c => WeakHash(c) is not null).ToList();
        if (weak.Count > 0)
        {
            var broken = weak.Any(c => WeakHash(c) is "MD5" or "MD2");
            yield return SslIssue.Create(SslCodes.CertWeakSignature, broken ? Severity.Critical : Severity.High,
                $"A certificate is signed with {(broken ? "MD5" : "SHA-1")}",
                "Replace the certificate (and intermediates) with ones signed with SHA-256 or stronger.",
                string.Join("; ", weak.Select(c => $"{c.Subject}: {c.SignatureAlgorithm}")),
                "Collisions make SHA-1 and MD5 signatures forgeable; browsers reject SHA-1 certificates.");
        }
    }

    public static bool IsWeakKey(CertificateInfo certificate) => certificate.KeyAlgorithm switch
    {
        "RSA" or "DSA" => certificate.KeySize is > 0 and < 2048,
        "EC" => certificate.KeySize is > 0 and < 256,
        _ => false,
    };

    public static string? WeakHash(CertificateInfo certificate)
    {
        var name = certificate.SignatureAlgorithm.ToLowerInvariant();
        return name.StartsWith("sha1", StringComparison.Ordinal) ? "SHA-1"
            : name.StartsWith("md5", StringComparison.Ordinal) ? "MD5"
            : name.StartsWith("md2", StringComparison.Ordinal) ? "MD2"
            : null;
    }
}
