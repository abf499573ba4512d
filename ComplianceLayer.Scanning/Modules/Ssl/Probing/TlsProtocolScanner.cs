using System.Net;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// Probes SSL 3.0 to TLS 1.3 one version at a time and enumerates each accepted version's suites by "offer all, note the
/// chosen one, remove it, repeat": BouncyCastle for what it implements, the raw ClientHello for SSL 3.0 and the suites
/// it lacks (RC4, EXPORT, DES).
/// </summary>
public sealed class TlsProtocolScanner(GuardedConnector connector, TimeSpan handshakeTimeout, int parallelism = 4)
{
    /// <summary>No real server accepts this many suites at one version; the cap only bounds a misbehaving one.</summary>
    private const int MaxSuitesPerVersion = 80;

    public async Task<ProtocolScan> ScanAsync(IPAddress address, int port, string serverName, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var budgetSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budgetSource.CancelAfter(budget);
        using var connection = new ProbeConnection(connector, address, port, handshakeTimeout, parallelism);
        var versions = await Task.WhenAll(TlsVersions.All.Select(v => ProbeVersionAsync(connection, v, serverName, budgetSource.Token))).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new ProtocolScan(GuardedConnector.FormatEndPoint(address, port), port, versions);
    }

    private static async Task<VersionProbe> ProbeVersionAsync(ProbeConnection connection, TlsVersion version, string serverName, CancellationToken budget)
    {
        if (version == TlsVersion.Ssl30)
        {
            return (await EnumerateAsync(connection, CipherSuiteCatalog.Ssl3Suites, (s, suites) => RawHelloProbe.Run(s, version, suites, serverName), budget).ConfigureAwait(false))
                .ToProbe(version);
        }

        var library = await EnumerateAsync(connection, CipherSuiteCatalog.BouncyCastleSuites(version), (s, suites) => BouncyCastleProbe.Run(s, version, suites, serverName), budget).ConfigureAwait(false);
        if (version == TlsVersion.Tls13 || library.First.Verdict == ProbeVerdict.NotTested)
        {
            return library.ToProbe(version);
        }

        var legacy = await EnumerateAsync(connection, CipherSuiteCatalog.LegacyOnlySuites, (s, suites) => RawHelloProbe.Run(s, version, suites, serverName), budget).ConfigureAwait(false);
        return library.Merge(legacy).ToProbe(version);
    }

    private static async Task<Enumeration> EnumerateAsync(ProbeConnection connection, IReadOnlyList<ushort> candidates, Func<Stream, IReadOnlyList<ushort>, ProbeResult> probe, CancellationToken budget)
    {
        var remaining = candidates.ToList();
        var accepted = new List<ushort>();
        ProbeResult? first = null;
        while (remaining.Count > 0 && accepted.Count < MaxSuitesPerVersion)
        {
            var offered = remaining.ToArray();
            var result = await connection.RunAsync(stream => probe(stream, offered), budget).ConfigureAwait(false);
            first ??= result;
            switch (result.Verdict)
            {
                case ProbeVerdict.Accepted when result.Suite is { } suite && remaining.Remove(suite):
                    accepted.Add(suite);
                    continue;
                case ProbeVerdict.Accepted:
                    return new Enumeration(first, accepted, $"the server chose {CipherSuiteCatalog.Name(result.Suite ?? 0)}, which was not offered");
                case ProbeVerdict.NotAccepted:
                    return new Enumeration(first, accepted, null);
                default:
                    return new Enumeration(first, accepted, $"suite enumeration stopped: {result.Reason}");
            }
        }

        return new Enumeration(first ?? ProbeResult.NotAccepted("no suite to offer"), accepted, remaining.Count > 0 ? "suite enumeration stopped at its limit" : null);
    }

    private sealed record Enumeration(ProbeResult First, IReadOnlyList<ushort> Accepted, string? Incomplete)
    {
        public Enumeration Merge(Enumeration legacy)
        {
            var first = First.Verdict == ProbeVerdict.Accepted || legacy.First.Verdict != ProbeVerdict.Accepted ? First : legacy.First;
            var notes = new[] { Incomplete, legacy.Incomplete is null ? null : $"legacy suites: {legacy.Incomplete}" }.Where(n => n is not null);
            var note = string.Join("; ", notes);
            return new Enumeration(first, [.. Accepted, .. legacy.Accepted], note.Length == 0 ? null : note);
        }

        public VersionProbe ToProbe(TlsVersion version) => new(version, First.Verdict, First.Verdict == ProbeVerdict.Accepted ? "" : First.Reason, Accepted)
        {
            SuitesComplete = Incomplete is null,
            SuitesNote = Incomplete,
        };
    }
}
