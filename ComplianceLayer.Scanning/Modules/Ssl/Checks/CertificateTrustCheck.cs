using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Scanning.Modules.Ssl.Checks;

/// <summary>
/// Self-signed, untrusted, incomplete chain, hostname mismatch. The scanner never downloads missing intermediates
/// (AIA), so a chain the server left incomplete is reported as incomplete, not as untrusted: browsers that fetch the
/// intermediate accept it, while API clients and many mobile apps fail.
/// </summary>
public static class CertificateTrustCheck
{
    /// <summary>Flags the validity check reports on its own.</summary>
    private const X509ChainStatusFlags TimeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    public static IEnumerable<Issue> Run(CertificateFacts certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var leaf = certificate.Leaf;
        var status = string.Join("; ", certificate.ChainStatus.Select(s => $"{s.Status}: {s.Information}"));
        if (IsSelfSigned(certificate))
        {
            yield return SslIssue.Create(SslCodes.CertSelfSigned, Severity.Critical,
                "The certificate is self-signed",
                "Install a certificate issued by a publicly trusted certificate authority (e.g. Let's Encrypt).",
                $"subject = issuer = {leaf.Subject}" + (status.Length > 0 ? $"; chain status: {status}" : ""),
                "Browsers show a full-page warning; visitors who click through cannot tell a real site from an impostor.");
        }
        else if (IsIncomplete(certificate))
        {
            yield return SslIssue.Create(SslCodes.CertIncompleteChain, Severity.Medium,
                "The server does not send the intermediate certificate",
                "Configure the server to send the full chain (leaf followed by its intermediate certificates, e.g. fullchain.pem).",
                $"leaf issuer {leaf.Issuer} is not among the certificates sent: {string.Join(" | ", certificate.Presented.Select(p => p.Subject))}",
                "Browsers that fetch the missing intermediate connect; API clients, many apps and older devices fail. Trust could only be verified with the missing intermediate.");
        }
        else if (IsUntrusted(certificate))
        {
            yield return SslIssue.Create(SslCodes.CertUntrusted, Severity.Critical,
                "The certificate chain is not trusted",
                "Install a certificate from a publicly trusted certificate authority, with its intermediate certificates.",
                $"issuer {leaf.Issuer}; chain: {string.Join(" -> ", certificate.Chain.Select(c => c.Subject))}; status: {(status.Length > 0 ? status : "no chain to a trusted root")}",
                "The chain does not end at a root that browsers trust.");
        }

        if (!certificate.HostnameMatches)
        {
            var names = leaf.DnsNames.Count > 0 ? string.Join(", ", leaf.DnsNames) : "none";
            yield return SslIssue.Create(SslCodes.CertHostnameMismatch, Severity.Critical,
                $"The certificate is not valid for {certificate.Host}",
                $"Install a certificate whose subjectAltName covers {certificate.Host}.",
                $"host {certificate.Host}; subjectAltName: {names}; subject {leaf.Subject}",
                "Browsers refuse a certificate issued for another name.");
        }
    }

    public static bool IsSelfSigned(CertificateFacts certificate) =>
        certificate.Leaf.IsSelfIssued && !certificate.IsChainTrusted;

    /// <summary>The leaf's issuer is neither among the certificates sent nor a trusted root the chain reached directly.</summary>
    public static bool IsIncomplete(CertificateFacts certificate)
    {
        var leaf = certificate.Leaf;
        if (leaf.IsSelfIssued || certificate.Presented.Skip(1).Any(p => p.Subject == leaf.Issuer))
        {
            return false;
        }

        var reachedRoot = certificate.Chain.Count >= 2 && certificate.Chain[1].Subject == leaf.Issuer && certificate.Chain[1].IsSelfIssued
            && !certificate.HasStatus(X509ChainStatusFlags.UntrustedRoot) && !certificate.HasStatus(X509ChainStatusFlags.PartialChain);
        return !reachedRoot;
    }

    private static bool IsUntrusted(CertificateFacts certificate) =>
        !certificate.IsChainTrusted && (certificate.ChainStatus.Count == 0 || certificate.ChainStatus.Any(s => (s.Status & ~TimeFlags) != 0));
}
