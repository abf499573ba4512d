namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>What the TLS handshake after STARTTLS showed.</summary>
public sealed record SmtpTlsInfo(
    string? Protocol,
    string? CipherSuite,
    string? Subject,
    string? Issuer,
    DateTimeOffset? NotAfter,
    IReadOnlyList<string> DnsNames,
    bool Trusted,
    bool HostnameMatches,
    string? ChainProblem);

/// <summary>
/// One MX host's SMTP probe. <see cref="Tested"/> false means "could not test" (port 25 blocked, greeting refused or delayed,
/// rate limit, failed handshake) and never counts as a pass or a fail.
/// </summary>
public sealed record SmtpProbeResult(
    string Host,
    int Port,
    bool Tested,
    string? NotTestedReason,
    string? Address,
    string? Greeting,
    bool? StartTlsOffered,
    string? EhloReply,
    SmtpTlsInfo? Tls)
{
    public bool FromCache { get; init; }

    public static SmtpProbeResult NotTested(string host, int port, string reason, string? address = null, string? greeting = null)
        => new(host, port, false, reason, address, greeting, null, null, null);
}
