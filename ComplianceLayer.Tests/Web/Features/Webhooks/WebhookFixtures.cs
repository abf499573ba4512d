using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Web.Features.Webhooks;

/// <summary>Quartz running, private networks allowed (loopback receivers), http allowed, retries after ~200 ms.</summary>
public sealed class WebhookDeliveryAppFixture : ScanningAppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Webhooks:AllowHttp"] = "true",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.200",
        ["Webhooks:MaxRetryDelay"] = "00:00:01",
        ["Webhooks:Timeout"] = "00:00:03",
    };
}

/// <summary>The production rules: private networks refused, https only; no scheduler.</summary>
public sealed class WebhookGuardedAppFixture : WebAppFixture
{
    public LoopbackDnsServer Dns { get; } = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Dns.Dispose();
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Quartz:Enabled"] = "false",
        ["Scanning:DnsServers:0"] = Dns.ServerSetting,
        ["Scanning:DnsTimeout"] = "00:00:01",
        ["Scanning:AllowPrivateNetworks"] = "false",
        ["Webhooks:AllowHttp"] = "false",
    };
}
