using ComplianceLayer.Scanning.Modules.Waf;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Waf;

/// <summary>Hand-built responses for the pure checks.</summary>
internal static class WafFactsBuilder
{
    public static readonly Uri Home = new("https://shop.example.com/");

    public static HttpObservation Response(int status = 200, (string Name, string Value)[]? headers = null, string[]? cookies = null, string body = "<html>shop</html>", string? reason = null)
    {
        var list = (headers ?? []).Select(h => new KeyValuePair<string, string>(h.Name, h.Value))
            .Concat((cookies ?? []).Select(c => new KeyValuePair<string, string>("Set-Cookie", c)))
            .ToList();
        return new HttpObservation(Home, status, reason, new HttpHeaderList(list), [], cookies ?? [], body);
    }

    public static WafFacts Facts(HttpObservation normal, HttpObservation? probe = null, string? probeError = null)
        => new(normal, new Uri(Home, "/?" + WafModule.ProbeQuery), probe ?? (probeError is null ? Response() : null), probeError);
}
