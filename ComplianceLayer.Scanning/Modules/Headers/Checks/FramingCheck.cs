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
        var ancestors = ContentSecurityPolicy.ParseAll(facts.Headers.GetValues("Content-Security-Policy"), CspOrigin.Header)
            .Select(p => p.Get("frame-ancestors")).OfType<IReadOnlyList<string>>().ToArray();
        var xfo = facts.Headers.GetValues("X-Frame-Options");
        var evidence = new List<string>();
        if (ancestors.Length > 0)
        {
            // HTML's X-Frame-Options processing: an enforced frame-ancestors makes browsers ignore X-Frame-Options.
            if (ancestors.Any(sources => !sources.Any(CspAnalysis.BroadSources.Contains)))
            {
                return CheckResult.Pass(Name);
            }

            evidence.Add($"Content-Security-Policy frame-ancestors {string.Join(' ', ancestors[0])} allows any origin");
            if (xfo.Count > 0)
            {
                evidence.Add($"X-Frame-Options: {xfo[0]} is ignored when frame-ancestors is present");
            }
        }
        else
        {
            if (FrameOptionsBlock(xfo))
            {
                return CheckResult.Pass(Name);
            }

            evidence.Add(xfo.Count == 0 ? "no X-Frame-Options header" : $"X-Frame-Options: {string.Join(", ", xfo)} (only DENY and SAMEORIGIN are honoured)");
            evidence.Add("no frame-ancestors in a Content-Security-Policy header");
        }

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

    /// <summary>HTML's rules: several distinct values block if any is deny/sameorigin/allowall; one value blocks if deny or sameorigin.</summary>
    private static bool FrameOptionsBlock(IReadOnlyList<string> headers)
    {
        var values = headers.SelectMany(h => h.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(v => v.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return values.Count > 1
            ? values.Overlaps(["deny", "sameorigin", "allowall"])
            : values.Contains("deny") || values.Contains("sameorigin");
    }
}
