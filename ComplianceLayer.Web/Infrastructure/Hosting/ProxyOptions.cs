using System.Net;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>
/// The reverse proxies in front of the app. X-Forwarded-For/-Proto are honoured only from these addresses, so that a
/// client cannot forge the address written to audit events, API request logs and rate-limit keys. Empty: no forwarding.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Single proxy addresses, e.g. "10.0.0.5" or "::1".</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public string[] TrustedNetworks { get; set; } = [];

    /// <summary>How many proxies a request passes at most (the X-Forwarded-For entries read from the right).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsEnabled => TrustedProxies.Length > 0 || TrustedNetworks.Length > 0;

    /// <summary>Every entry that does not parse, described for the start-up error.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var proxy in TrustedProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"Proxy:TrustedProxies entry '{proxy}' is not an IP address.";
        }
        foreach (var network in TrustedNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return $"Proxy:TrustedNetworks entry '{network}' is not a CIDR network (e.g. 10.0.0.0/24).";
        }
        if (ForwardLimit is < 1 or > 10)
        {
            yield return "Proxy:ForwardLimit must be between 1 and 10.";
        }
    }
}
