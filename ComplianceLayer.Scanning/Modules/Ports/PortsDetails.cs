using System.Globalization;
using System.Text.Json.Nodes;
using ComplianceLayer.Scanning.Modules.Ports.Checks;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Ports;

/// <summary>The report's <c>details</c> of the ports module: what was scanned and what answered.</summary>
public static class PortsDetails
{
    public static JsonObject Build(PortScanFacts facts, ScanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        var acceptAny = AcceptsAnyPortCheck.AddressesAcceptingAnyPort(facts);
        var open = new JsonArray();
        foreach (var assessment in ExposedServicesCheck.Assess(facts))
        {
            var entry = new JsonObject
            {
                ["port"] = assessment.Observation.Port,
                ["service"] = assessment.Identity.Service.Key,
                ["banner"] = BannerText.Printable(assessment.Observation.Banner),
                ["address"] = assessment.Observation.Address.ToString(),
                ["identified_by"] = assessment.Identity.By == IdentifiedBy.Banner ? "banner" : "port",
            };
            if (assessment.Identity.Note is { } note)
            {
                entry["note"] = note;
            }

            if (assessment.Unverified)
            {
                entry["unverified"] = true;
            }

            open.Add(entry);
        }

        var caveat = string.Create(CultureInfo.InvariantCulture,
            $"TCP connect scan of {facts.Ports.Count} ports on {facts.Addresses.Count} address(es) from one vantage point with a {options.PortProbeTimeout.TotalSeconds:0.###} s connect timeout: a firewall that treats other sources differently, UDP services and ports outside the list are not covered. Banners are read passively (Redis is sent PING only). Behind a CDN or proxy the addresses are the provider's edge, not the origin server.");
        if (facts.AddressesNotScanned.Count > 0)
        {
            caveat += string.Create(CultureInfo.InvariantCulture,
                $" Only the first {facts.Addresses.Count} of {facts.Addresses.Count + facts.AddressesNotScanned.Count} addresses were scanned.");
        }

        return new JsonObject
        {
            ["method"] = "tcp_connect",
            ["ports_scanned"] = new JsonArray([.. facts.Ports.Select(p => (JsonNode)p)]),
            ["addresses_scanned"] = Addresses(facts.Addresses),
            ["addresses_not_scanned"] = Addresses(facts.AddressesNotScanned),
            ["open"] = open,
            ["open_count"] = facts.Observations.Count(o => o.State == PortState.Open),
            ["closed_count"] = facts.Observations.Count(o => o.State == PortState.Closed),
            ["filtered_count"] = facts.Observations.Count(o => o.State == PortState.Filtered),
            ["accepts_any_port"] = Addresses([.. acceptAny]),
            ["caveat"] = caveat,
        };
    }

    private static JsonArray Addresses(IEnumerable<System.Net.IPAddress> addresses)
        => new([.. addresses.Select(a => (JsonNode)a.ToString())]);
}
