using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks;

/// <summary>Hand-built facts for the pure check tests.</summary>
internal static class SslFactsBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public const string Host = "shop.example.com";

    public static CertificateInfo Leaf(
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        string key = "EC",
        int size = 256,
        string signature = "sha256ECDSA",
        string issuer = "CN=Example Intermediate CA",
        string subject = "CN=shop.example.com") =>
        new(subject, issuer, notBefore ?? Now.AddDays(-30), notAfter ?? Now.AddDays(60), key, size, signature, subject == issuer)
        {
            DnsNames = [Host],
            Sha256 = "AB",
        };

    public static CertificateInfo Intermediate(string signature = "sha256RSA") =>
        new("CN=Example Intermediate CA", "CN=Example Root CA", Now.AddYears(-2), Now.AddYears(3), "RSA", 2048, signature, false);

    public static CertificateInfo Root() =>
        new("CN=Example Root CA", "CN=Example Root CA", Now.AddYears(-10), Now.AddYears(10), "RSA", 4096, "sha1RSA", true);

    /// <summary>A trusted leaf → intermediate → root chain, with the intermediate sent by the server.</summary>
    public static CertificateFacts Certificate(CertificateInfo? leaf = null, bool trusted = true, bool hostnameMatches = true, params ChainStatusEntry[] status)
    {
        leaf ??= Leaf();
        var intermediate = Intermediate();
        return new CertificateFacts(Host, leaf, [leaf, intermediate], [leaf, intermediate, Root()], status, trusted, hostnameMatches);
    }

    public static ChainStatusEntry Status(X509ChainStatusFlags flag) => new(flag, flag.ToString());

    public static VersionProbe Accepted(TlsVersion version, params ushort[] suites) => new(version, ProbeVerdict.Accepted, "", suites);

    public static VersionProbe Refused(TlsVersion version) => new(version, ProbeVerdict.NotAccepted, "handshake_failure alert", []);

    public static VersionProbe Untested(TlsVersion version) => new(version, ProbeVerdict.NotTested, "no answer in time", []);

    /// <summary>A scan where every version not given is refused.</summary>
    public static ProtocolScan Scan(params VersionProbe[] probes) =>
        new("127.0.0.1:443", 443, [.. TlsVersions.All.Select(v => probes.FirstOrDefault(p => p.Version == v) ?? Refused(v))]);

    /// <summary>A modern server: TLS 1.2 with ECDHE-GCM and TLS 1.3.</summary>
    public static ProtocolScan ModernScan() => Scan(
        Accepted(TlsVersion.Tls12, 0xC02F, 0xC030),
        Accepted(TlsVersion.Tls13, 0x1301, 0x1302));
}
