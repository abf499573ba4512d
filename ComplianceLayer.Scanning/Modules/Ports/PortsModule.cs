using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Ports.Checks;
using ComplianceLayer.Scanning.Net;
using DnsClient;
using DnsClient.Protocol;

namespace ComplianceLayer.Scanning.Modules.Ports;

/// <summary>
/// TCP connect scan of the configured ports on the domain's addresses, with a passive banner grab, then pure checks
/// that name the service on each open port and rate its exposure.
/// </summary>
public sealed class PortsModule : IScanModule
{
    /// <summary>At most this many of the domain's addresses are scanned; the rest are named in the details.</summary>
    public const int MaxAddresses = 4;

    /// <summary>
    /// Unassigned ports where no service is expected: a host that accepts connections on both accepts them on any port.
    /// </summary>
    public static IReadOnlyList<int> ControlPorts { get; } = [4, 65301];

    // Redis speaks only when spoken to; PING is read-only and tells an open instance (+PONG) from one that requires
    // authentication (-NOAUTH). Every other port is only listened to.
    private static readonly ReadOnlyMemory<byte> RedisPing = Encoding.ASCII.GetBytes("PING\r\n");

    public string Key => ModuleKeys.Ports;

    public async Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // IPv4 first: when the cap applies, it keeps the addresses most scanners (and clients) reach.
        var distinct = context.Addresses.Distinct().OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).ToList();
        if (distinct.Count == 0)
        {
            return ModuleOutcome.NotTested(Key, $"{context.Domain.Ascii} has no A or AAAA address to scan.");
        }

        var addresses = distinct.Take(MaxAddresses).ToList();
        var ports = context.Network.Options.EffectivePorts.Distinct().ToList();
        var controlPorts = ControlPorts.Where(p => !ports.Contains(p)).ToList();

        using var gate = new SemaphoreSlim(Math.Max(1, context.Network.Options.PortScanConcurrency));
        var scan = ProbeAllAsync(context, addresses, ports, gate, cancellationToken);
        var control = ProbeAllAsync(context, addresses, controlPorts, gate, cancellationToken);
        var mx = MxAddressesAsync(context);
        var facts = new PortScanFacts(addresses, distinct.Skip(MaxAddresses).ToList(), ports, await scan, await control, await mx);

        var issues = ExposedServicesCheck.Run(facts).ToList();
        if (AcceptsAnyPortCheck.Run(facts) is { } acceptsAny)
        {
            issues.Add(acceptsAny);
        }

        return ModuleOutcome.Completed(Key, issues, PortsDetails.Build(facts, context.Network.Options));
    }

    private static async Task<IReadOnlyList<PortObservation>> ProbeAllAsync(
        ScanContext context,
        IReadOnlyList<IPAddress> addresses,
        IReadOnlyList<int> ports,
        SemaphoreSlim gate,
        CancellationToken cancellationToken)
    {
        var probes = addresses.SelectMany(address => ports.Select(port => ProbeAsync(context, address, port, gate, cancellationToken)));
        return await Task.WhenAll(probes);
    }

    private static async Task<PortObservation> ProbeAsync(ScanContext context, IPAddress address, int port, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var request = new PortProbeRequest(address, port) { Probe = port == 6379 ? RedisPing : ReadOnlyMemory<byte>.Empty };
            var result = await context.Network.Ports.ProbeAsync(request, cancellationToken);
            return new PortObservation(address, port, result.State, result.Banner);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The addresses of the domain's MX hosts, where an SMTP listener is expected rather than a finding.</summary>
    private static async Task<IReadOnlySet<IPAddress>> MxAddressesAsync(ScanContext context)
    {
        var mx = await context.QueryAsync(context.Domain.Ascii, QueryType.MX);
        var hosts = mx.RecordsOf<MxRecord>().Select(r => r.Exchange.Value.TrimEnd('.')).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
        var result = new HashSet<IPAddress>();
        foreach (var host in hosts)
        {
            var v4 = await context.QueryAsync(host, QueryType.A);
            var v6 = await context.QueryAsync(host, QueryType.AAAA);
            result.UnionWith(v4.RecordsOf<ARecord>().Select(r => r.Address));
            result.UnionWith(v6.RecordsOf<AaaaRecord>().Select(r => r.Address));
        }

        return result;
    }
}
