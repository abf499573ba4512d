using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;

namespace ComplianceLayer.Scanning.Modules.Ssl.Checks;

/// <summary>Which protocol versions are accepted. Only a version the server accepted or refused counts; "not tested" versions raise nothing.</summary>
public static class ProtocolCheck
{
    public static IEnumerable<Issue> Run(ProtocolScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        const string disable = "Disable SSL 3.0, TLS 1.0 and TLS 1.1 in the server or load balancer; offer TLS 1.2 and TLS 1.3 only.";
        if (scan.Accepts(TlsVersion.Ssl30))
        {
            yield return SslIssue.Create(SslCodes.Ssl3Enabled, Severity.Critical, "SSL 3.0 is accepted", disable,
                Evidence(scan, TlsVersion.Ssl30), "SSL 3.0 is broken (POODLE) and prohibited by RFC 7568.");
        }

        if (scan.Accepts(TlsVersion.Tls10))
        {
            yield return SslIssue.Create(SslCodes.Tls10Enabled, Severity.High, "TLS 1.0 is accepted", disable,
                Evidence(scan, TlsVersion.Tls10), "TLS 1.0 is deprecated (RFC 8996); NCSC 2025 rates it insufficient and PCI DSS forbids it.");
        }

        if (scan.Accepts(TlsVersion.Tls11))
        {
            yield return SslIssue.Create(SslCodes.Tls11Enabled, Severity.High, "TLS 1.1 is accepted", disable,
                Evidence(scan, TlsVersion.Tls11), "TLS 1.1 is deprecated (RFC 8996); NCSC 2025 rates it insufficient.");
        }

        if (scan.Rejects(TlsVersion.Tls13))
        {
            yield return SslIssue.Create(SslCodes.Tls13Missing, Severity.Low, "TLS 1.3 is not supported",
                "Enable TLS 1.3 alongside TLS 1.2.",
                $"TLSv1.3 probe: {scan.Find(TlsVersion.Tls13)!.Reason}",
                "TLS 1.3 is NCSC's 'good' version: faster handshakes and only forward-secret AEAD suites.");
        }

        if (scan.Rejects(TlsVersion.Tls12) && scan.Accepts(TlsVersion.Tls13))
        {
            yield return SslIssue.Create(SslCodes.Tls12Missing, Severity.Info, "TLS 1.2 is not supported (TLS 1.3 only)",
                "Keep TLS 1.2 enabled if older clients (some API clients, older Android/Windows) must connect.",
                $"TLSv1.2 probe: {scan.Find(TlsVersion.Tls12)!.Reason}",
                "Secure, but clients without TLS 1.3 cannot connect.");
        }
    }

    private static string Evidence(ProtocolScan scan, TlsVersion version)
    {
        var probe = scan.Find(version)!;
        var suite = probe.Suites.Count > 0 ? $" choosing {CipherSuiteCatalog.Name(probe.Suites[0])}" : "";
        return $"{scan.Address} answered a ClientHello offering only {version.Label()} with a {version.Label()} ServerHello{suite}";
    }
}
