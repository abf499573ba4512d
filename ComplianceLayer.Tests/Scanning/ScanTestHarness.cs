using ComplianceLayer.Scanning;
using ComplianceLayer.Scanning.Net;
using ComplianceLayer.Tests.Scanning.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComplianceLayer.Tests.Scanning;

/// <summary>
/// The real engine and network layer pointed at loopback fixtures: a <see cref="LoopbackDnsServer"/> for the test
/// zone, private networks allowed (loopback only ever), and the HTTPS/HTTP ports moved to the fixtures' ports.
/// </summary>
internal sealed class ScanTestHarness : IDisposable
{
    private ScanTestHarness(ScanningOptions options)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Options = options;
        Guard = new TargetGuard(options.AllowPrivateNetworks);
        Resolver = new ScannerDnsResolver(wrapped);
        Connector = new GuardedConnector(Resolver, Guard);
        Tls = new TlsHandshaker(Connector, wrapped);
        Http = new GuardedHttpClient(Connector, Tls, wrapped);
        Ports = new TcpPortProber(Connector, wrapped);
        Network = new ScanNetwork(wrapped, Guard, Resolver, Connector, Http, Tls, Ports, TimeProvider.System);
    }

    public ScanningOptions Options { get; }
    public TargetGuard Guard { get; }
    public ScannerDnsResolver Resolver { get; }
    public GuardedConnector Connector { get; }
    public TlsHandshaker Tls { get; }
    public GuardedHttpClient Http { get; }
    public TcpPortProber Ports { get; }
    public ScanNetwork Network { get; }

    /// <param name="dns">The test zone's server (required: tests never use the system resolvers).</param>
    /// <param name="configure">Adjust options, e.g. HttpsPort/HttpPort, ExtraTrustedRootsPath, AllowPrivateNetworks.</param>
    public static ScanTestHarness Create(LoopbackDnsServer dns, Action<ScanningOptions>? configure = null)
    {
        var options = new ScanningOptions
        {
            DnsServers = [dns.ServerSetting],
            AllowPrivateNetworks = true,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
            DnsTimeout = TimeSpan.FromSeconds(1),
            PortProbeTimeout = TimeSpan.FromSeconds(1),
            BannerTimeout = TimeSpan.FromMilliseconds(500),
            ModuleTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return new ScanTestHarness(options);
    }

    public ScanEngine Engine(params IScanModule[] modules) => new(Network, modules, NullLogger<ScanEngine>.Instance);

    /// <summary>A context for running one module directly against the fixtures.</summary>
    public async Task<ScanContext> ContextAsync(string domain, CancellationToken cancellationToken = default)
    {
        var name = ComplianceLayer.Domain.Domains.DomainName.Parse(domain).Name
            ?? throw new ArgumentException($"Test domain {domain} is not valid: {ComplianceLayer.Domain.Domains.DomainName.Parse(domain).Error}");
        var resolution = await Resolver.ResolveAddressesAsync(name.Ascii, cancellationToken);
        return new ScanContext(name, resolution.Addresses, Network, cancellationToken);
    }

    public void Dispose() => Http.Dispose();
}
