using System.Net;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Ports;

/// <summary>What one TCP connect probe saw.</summary>
public sealed record PortObservation(IPAddress Address, int Port, PortState State, string? Banner)
{
    public bool IsOpen => State == PortState.Open;
}

/// <summary>Everything the ports module measured; the checks are pure functions of it.</summary>
/// <param name="Addresses">The addresses scanned.</param>
/// <param name="AddressesNotScanned">Addresses of the domain left out by the per-scan cap.</param>
/// <param name="Ports">The ports scanned on every address.</param>
/// <param name="Observations">One per address and port.</param>
/// <param name="ControlObservations">Probes of ports where no service is expected (<see cref="PortsModule.ControlPorts"/>).</param>
/// <param name="MxAddresses">Addresses of the domain's MX hosts, where SMTP is expected.</param>
public sealed record PortScanFacts(
    IReadOnlyList<IPAddress> Addresses,
    IReadOnlyList<IPAddress> AddressesNotScanned,
    IReadOnlyList<int> Ports,
    IReadOnlyList<PortObservation> Observations,
    IReadOnlyList<PortObservation> ControlObservations,
    IReadOnlySet<IPAddress> MxAddresses);
