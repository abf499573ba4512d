using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Ssl;

/// <summary>What the checks need of one certificate.</summary>
public sealed record CertificateInfo(
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string KeyAlgorithm,
    int KeySize,
    string SignatureAlgorithm,
    bool IsSelfIssued)
{
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public string Sha256 { get; init; } = "";

    /// <summary>"RSA-2048", "EC-256".</summary>
    public string Key => KeySize > 0 ? $"{KeyAlgorithm}-{KeySize}" : KeyAlgorithm;

    public static CertificateInfo From(CertificateDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new(details.Subject, details.Issuer, details.NotBefore, details.NotAfter, details.KeyAlgorithm, details.KeySize, details.SignatureAlgorithm, details.IsSelfIssued)
        {
            DnsNames = [.. details.DnsNames, .. details.IpAddresses],
            Sha256 = details.Sha256Fingerprint,
        };
    }
}

/// <summary>The certificate as the HTTPS handshake showed it, with the chain built against the scanner's trust store.</summary>
public sealed record CertificateFacts(
    string Host,
    CertificateInfo Leaf,
    IReadOnlyList<CertificateInfo> Presented,
    IReadOnlyList<CertificateInfo> Chain,
    IReadOnlyList<ChainStatusEntry> ChainStatus,
    bool IsChainTrusted,
    bool HostnameMatches)
{
    public static CertificateFacts From(TlsHandshakeResult handshake)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        var leaf = handshake.Certificate ?? throw new ArgumentException("The handshake has no certificate.", nameof(handshake));
        return new(
            handshake.Host,
            CertificateInfo.From(leaf),
            [.. handshake.PresentedCertificates.Select(CertificateInfo.From)],
            [.. handshake.Chain.Select(e => CertificateInfo.From(e.Certificate))],
            handshake.ChainStatus,
            handshake.IsChainTrusted,
            handshake.HostnameMatches);
    }

    public bool HasStatus(X509ChainStatusFlags flag) => ChainStatus.Any(s => s.Status.HasFlag(flag));
}

/// <summary>What a plain-HTTP request to the site led to.</summary>
public sealed record HttpRedirectFacts(string RequestedUrl, string? FinalUrl, int? FinalStatus, IReadOnlyList<string> Chain, string? Error)
{
    public bool Reachable => FinalUrl is not null;

    public bool EndsOnHttps => FinalUrl is not null && FinalUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Everything the ssl module measured, for the pure checks.</summary>
public sealed record SslFacts(string Host, DateTimeOffset Now)
{
    /// <summary>Null when the system handshake did not produce a certificate (see <see cref="CertificateNotTestedReason"/>).</summary>
    public CertificateFacts? Certificate { get; init; }

    public string? CertificateNotTestedReason { get; init; }

    public ProtocolScan? Protocols { get; init; }

    public HttpRedirectFacts? Http { get; init; }
}
