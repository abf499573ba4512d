using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Fixtures;

/// <summary>The app with Quartz running and the scanner pointed at a loopback DNS server (private networks allowed).</summary>
public class ScanningAppFixture : WebAppFixture
{
    public LoopbackDnsServer Dns { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scanning:DnsServers:0"] = Dns.ServerSetting,
        ["Scanning:AllowPrivateNetworks"] = "true",
        ["Scanning:DnsTimeout"] = "00:00:01",
        ["Scanning:ConnectTimeout"] = "00:00:01",
        ["Scanning:RequestTimeout"] = "00:00:03",
        ["Scanning:PortProbeTimeout"] = "00:00:00.500",
        ["Scanning:ModuleTimeout"] = "00:00:20",
        ["Quartz:MaxConcurrency"] = "4",
        ["Quartz:ClusterCheckinInterval"] = "00:00:02",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Dns.Dispose();
    }
}
