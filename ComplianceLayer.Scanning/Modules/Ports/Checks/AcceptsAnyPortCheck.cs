using System.Globalization;
using System.Net;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Ports.Checks;

/// <summary>
/// Some firewalls, tarpits and CDN edges complete the TCP handshake on every port. On such an address an open port
/// proves nothing about a service, so exposures there count only when a banner identifies the service.
/// </summary>
public static class AcceptsAnyPortCheck
{
    /// <summary>Addresses that accepted a connection on every control port.</summary>
    public static IReadOnlySet<IPAddress> AddressesAcceptingAnyPort(PortScanFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.ControlObservations
            .GroupBy(o => o.Address)
            .Where(g => g.Any() && g.All(o => o.IsOpen))
            .Select(g => g.Key)
            .ToHashSet();
    }

    public static Issue? Run(PortScanFacts facts)
    {
        var addresses = AddressesAcceptingAnyPort(facts);
        if (addresses.Count == 0)
        {
            return null;
        }

        var controlPorts = string.Join(", ", facts.ControlObservations.Select(o => o.Port).Distinct().Order().Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var evidence = string.Join("; ", addresses.Select(a => $"{a} accepted TCP connections on control ports {controlPorts}"));
        return new Issue(
            ModuleKeys.Ports,
            PortsCodes.AcceptsAnyPort,
            Severity.Info,
            "The host accepts TCP connections on ports where no service is expected",
            "No action needed if a firewall or CDN answers for the host; otherwise check what accepts connections on every port.",
            evidence,
            "A firewall, tarpit or CDN edge completes connections on any port, so an open port on this address does not show that a service runs there. "
            + "Open ports on it are reported only when the service identified itself in a banner; the others are listed in the details as unverified.");
    }
}
