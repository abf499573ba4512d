using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Waf.Checks;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Waf;

/// <summary>
/// Identifies a WAF or CDN from the shared home page and one extra GET of the home page with a malicious-looking but
/// harmless query string (as wafW00f does), then runs the pure checks.
/// </summary>
public sealed class WafModule : IScanModule
{
    /// <summary>Script and SQL fragments that WAF rule sets block; the page only ever reads them as text.</summary>
    public const string ProbeQuery = "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&id=1%27%20OR%20%271%27%3D%271";

    public string Key => ModuleKeys.Waf;

    public async Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var home = await context.HttpsHomePageAsync();
        if (!home.Succeeded)
        {
            var http = await context.HttpHomePageAsync();
            if (!http.Succeeded)
            {
                return ModuleOutcome.NotTested(Key, $"The web site did not answer over HTTPS ({home.Error}) or HTTP ({http.Error}).");
            }

            home = http;
        }

        var probeUrl = new UriBuilder(home.Url) { Path = "/", Query = ProbeQuery }.Uri;
        HttpObservation? probe = null;
        string? probeError = null;
        try
        {
            probe = HttpObservation.From(await context.Network.Http.SendAsync(new GuardedHttpRequest(probeUrl), cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or ScanTargetRefusedException or ScanHostUnresolvedException or IOException)
        {
            probeError = ex.Message;
        }

        var facts = new WafFacts(HttpObservation.From(home.Response!), probeUrl, probe, probeError);
        var products = WafDetectionCheck.Run(facts);
        var issues = new List<Issue>();
        if (WafPresenceCheck.Run(facts, products) is { } notDetected)
        {
            issues.Add(notDetected);
        }

        return ModuleOutcome.Completed(Key, issues, Details(facts, products));
    }

    private static JsonObject Details(WafFacts facts, IReadOnlyList<DetectedProduct> products) => new()
    {
        ["products"] = new JsonArray([.. products.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["vendor"] = p.Vendor,
            ["kind"] = p.Kind == ProductKind.Waf ? "waf" : "cdn",
            ["confidence"] = p.Confidence.ToString().ToLowerInvariant(),
            ["evidence"] = new JsonArray([.. p.Evidence.Select(e => (JsonNode)e)]),
        })]),
        ["probes"] = new JsonObject
        {
            ["normal"] = new JsonObject { ["url"] = facts.Normal.Url.ToString(), ["status"] = facts.Normal.StatusCode },
            ["malicious_looking"] = new JsonObject
            {
                ["url"] = facts.ProbeUrl.ToString(),
                ["status"] = facts.Probe?.StatusCode,
                ["error"] = facts.ProbeError,
                ["blocked"] = WafDetectionCheck.ProbeBlocked(facts),
            },
        },
        ["caveat"] = "WAF detection is heuristic: signatures of known products in headers, cookies and block pages, and one test request. "
            + "A WAF may be present without identifying itself; CDN means the provider was seen, not its WAF at work.",
    };
}
