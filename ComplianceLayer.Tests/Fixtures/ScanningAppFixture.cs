using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Fixtures;

/// <summary>The app with Quartz running and the scanner pointed at a loopback DNS server (private networks allowed).</summary>
public class ScanningAppFixture : WebAppFixture
{
    public LoopbackDnsServer Dns { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => LoopbackScannerSettings.For(Dns,
        ("Scanning:RequestTimeout", "00:00:03"),
        ("Scanning:ModuleTimeout", "00:00:20"),
        ("Quartz:MaxConcurrency", "4"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Dns.Dispose();
    }
}
