using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>
/// Clickjacking protection: X-Frame-Options DENY/SAMEORIGIN or CSP frame-ancestors in a header (browsers ignore it in
/// &lt;meta&gt;). Either one passes, as in the MDN Observatory; ALLOW-FROM is not supported by current browsers.
/// </summary>
public static class FramingCheck
{
    public const string Name = "framing";

    public static CheckResult Run(HeadersFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var headerPolicies = ContentSecurityPolicy.ParseAll(facts.Headers.GetValues("Content-Security-Policy"), CspOrigin.Header);
        if (headerPolicies.Any(p => p.Get("frame-ancestors") is { } sources && !sources.Any(CspAnalysis.BroadSources.Contains)))
        {
            return CheckResult.Pass(Name);
        }

        var xfo = facts.Headers.GetFirst("X-Frame-Options");
        if (xfo is not null && IsValidFrameOptions(xfo))
        {
            return CheckResult.Pass(Name);
        }

        var evidence = new List<string>
        {
            xfo is null ? "no X-Frame-Options header" : $"X-Frame-Options: {xfo} (only DENY and SAMEORIGIN are honoured)",
            headerPolicies.Any(p => p.Get("frame-ancestors") is not null)
                ? "frame-ancestors allows any origin"
                : "no frame-ancestors in a Content-Security-Policy header",
        };
        if (HtmlMeta.HttpEquiv(facts.Body, "Content-Security-Policy").Any(c => c.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase)))
        {
            evidence.Add("frame-ancestors in <meta> is ignored by browsers");
        }

        return CheckResult.From(Name,
        [
            new Issue(ModuleKeys.Headers, HeadersCodes.FramingMissing, Severity.Low,
                "No clickjacking protection (X-Frame-Options or CSP frame-ancestors)",
                "Send Content-Security-Policy: frame-ancestors 'none' (or 'self'), and X-Frame-Options: DENY for older browsers.",
                string.Join("; ", evidence),
                "Any site can embed this page in a frame and trick users into clicking on it."),
        ]);
    }

    private static bool IsValidFrameOptions(string value)
    {
        var tokens = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length > 0 && tokens.All(t =>
            string.Equals(t, "DENY", StringComparison.OrdinalIgnoreCase) || string.Equals(t, "SAMEORIGIN", StringComparison.OrdinalIgnoreCase));
    }
}
