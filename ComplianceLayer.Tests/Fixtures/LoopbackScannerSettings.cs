using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Fixtures;

/// <summary>App settings that point the scanner at a loopback DNS server with short timeouts (private networks allowed).</summary>
public static class LoopbackScannerSettings
{
    public static Dictionary<string, string?> For(LoopbackDnsServer dns, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scanning:DnsServers:0"] = dns.ServerSetting,
            ["Scanning:AllowPrivateNetworks"] = "true",
            ["Scanning:DnsTimeout"] = "00:00:01",
            ["Scanning:ConnectTimeout"] = "00:00:01",
            ["Scanning:PortProbeTimeout"] = "00:00:00.500",
            ["Quartz:ClusterCheckinInterval"] = "00:00:02",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }
}
