using ComplianceLayer.Scanning.Net;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning;

/// <summary>The network layer, bundled for modules: the only way a module reaches the network.</summary>
public sealed class ScanNetwork(
    IOptions<ScanningOptions> options,
    TargetGuard guard,
    ScannerDnsResolver dns,
    GuardedConnector connector,
    GuardedHttpClient http,
    TlsHandshaker tls,
    TcpPortProber ports,
    TimeProvider time)
{
    public ScanningOptions Options { get; } = options.Value;
    public TargetGuard Guard { get; } = guard;
    public ScannerDnsResolver Dns { get; } = dns;
    public GuardedConnector Connector { get; } = connector;
    public GuardedHttpClient Http { get; } = http;
    public TlsHandshaker Tls { get; } = tls;
    public TcpPortProber Ports { get; } = ports;
    public TimeProvider Time { get; } = time;
}
