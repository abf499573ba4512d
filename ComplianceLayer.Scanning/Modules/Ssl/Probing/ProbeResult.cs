namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

public enum ProbeVerdict
{
    Accepted,

    /// <summary>The server refused: a handshake_failure/protocol_version/insufficient_security alert, another version in its ServerHello, or a close right after our ClientHello.</summary>
    NotAccepted,

    /// <summary>Timeout, reset, anything else: we do not know.</summary>
    NotTested,
}

/// <summary>The outcome of one handshake attempt.</summary>
public sealed record ProbeResult(ProbeVerdict Verdict, ushort? Suite, string Reason)
{
    public static ProbeResult Accepted(ushort suite) => new(ProbeVerdict.Accepted, suite, "");

    public static ProbeResult NotAccepted(string reason) => new(ProbeVerdict.NotAccepted, null, reason);

    public static ProbeResult NotTested(string reason) => new(ProbeVerdict.NotTested, null, reason);
}

/// <summary>What probing one protocol version found.</summary>
public sealed record VersionProbe(TlsVersion Version, ProbeVerdict Verdict, string Reason, IReadOnlyList<ushort> Suites)
{
    /// <summary>False when suite enumeration stopped early (timeout, budget); <see cref="SuitesNote"/> says why.</summary>
    public bool SuitesComplete { get; init; } = true;

    public string? SuitesNote { get; init; }

    public bool IsAccepted => Verdict == ProbeVerdict.Accepted;
}

/// <summary>Protocol and cipher-suite support of one server, version by version.</summary>
public sealed record ProtocolScan(string Address, int Port, IReadOnlyList<VersionProbe> Versions)
{
    public VersionProbe? Find(TlsVersion version) => Versions.FirstOrDefault(v => v.Version == version);

    public bool Accepts(TlsVersion version) => Find(version)?.IsAccepted ?? false;

    public bool Rejects(TlsVersion version) => Find(version)?.Verdict == ProbeVerdict.NotAccepted;
}
