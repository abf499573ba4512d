using System.Globalization;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Waf.Checks;

/// <summary>No WAF seen at all: one low finding that says how little "not seen" proves.</summary>
public static class WafPresenceCheck
{
    public static Issue? Run(WafFacts facts, IReadOnlyList<DetectedProduct> products)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(products);
        if (products.Any(p => p.Kind == ProductKind.Waf))
        {
            return null;
        }

        var probe = facts.Probe is { } response
            ? string.Create(CultureInfo.InvariantCulture, $"answered {response.StatusCode}")
            : $"failed ({facts.ProbeError ?? "no response"})";
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{facts.Normal.Url} answered {facts.Normal.StatusCode} with no WAF header, cookie or server signature; the test request with a malicious-looking query {probe}");

        var cdns = products.Where(p => p.Kind == ProductKind.Cdn).Select(p => p.Name).ToList();
        var cdnNote = cdns.Count > 0
            ? $" The site is served through {string.Join(", ", cdns)}; a WAF offered by that provider was not seen acting on the test request."
            : "";
        return new Issue(
            ModuleKeys.Waf,
            WafCodes.NotDetected,
            Severity.Low,
            "No web application firewall detected",
            "Put the public web site behind a web application firewall (a CDN/WAF service, a WAF appliance or ModSecurity with the OWASP Core Rule Set) in blocking mode.",
            evidence,
            "Detection is heuristic: known WAF and CDN signatures in headers and cookies, and whether one harmless request with a malicious-looking query "
            + "string was blocked. A WAF may be present without identifying itself, or may let this test request through." + cdnNote);
    }
}
