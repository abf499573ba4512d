using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Ssl.Checks;

public enum HttpsPresence
{
    Present,
    Absent,

    /// <summary>Timeouts or resets: we cannot tell.</summary>
    Unknown,
}

/// <summary>
/// No HTTPS: the port refuses connections, or every protocol version was refused. A silent port (timeout) or a probe
/// that could not finish is "not tested", never "no HTTPS".
/// </summary>
public static class NoHttpsCheck
{
    public static HttpsPresence Decide(TlsHandshakeResult handshake, ProtocolScan? scan)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        return handshake.Outcome switch
        {
            TlsHandshakeOutcome.Succeeded => HttpsPresence.Present,
            TlsHandshakeOutcome.ConnectionFailed => HttpsPresence.Absent,
            TlsHandshakeOutcome.Timeout => HttpsPresence.Unknown,
            _ when scan is null => HttpsPresence.Unknown,
            _ when scan.Versions.Any(v => v.IsAccepted) => HttpsPresence.Present,
            _ when scan.Versions.All(v => v.Verdict == ProbeVerdict.NotAccepted) => HttpsPresence.Absent,
            _ => HttpsPresence.Unknown,
        };
    }

    public static Issue Issue(TlsHandshakeResult handshake, ProtocolScan? scan)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        var probes = scan is null ? "" : "; " + string.Join(", ", scan.Versions.Select(v => $"{v.Version.Label()}: {v.Reason}"));
        return SslIssue.Create(SslCodes.NoHttps, Severity.Critical,
            "The site does not offer HTTPS",
            "Serve the site over HTTPS with a publicly trusted certificate (e.g. Let's Encrypt) and redirect HTTP to it.",
            $"{handshake.Host}:{handshake.Port} ({handshake.Address}): {handshake.Outcome}: {handshake.Error}{probes}",
            "Everything between visitors and the site, passwords and cookies included, travels unencrypted.");
    }
}
