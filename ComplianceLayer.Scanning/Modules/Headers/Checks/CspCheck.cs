using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>
/// Content-Security-Policy from headers and &lt;meta http-equiv&gt;. Browsers enforce every policy at once, so a
/// weakness counts only when every enforced policy has it (a second, stricter policy closes the hole). Severities follow
/// the MDN Observatory: missing, report-only, unsafe-inline/data:/broad script sources and unrestricted object-src are
/// its −20/−25 results (medium here), unsafe-eval −10 (medium: a weak directive), missing base-uri 0 there but required
/// by internet.nl (low here).
/// </summary>
public static class CspCheck
{
    public const string Name = "csp";

    private const string Example = "Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-…'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static IReadOnlyList<ContentSecurityPolicy> EnforcedPolicies(HeadersFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return
        [
            .. ContentSecurityPolicy.ParseAll(facts.Headers.GetValues("Content-Security-Policy"), CspOrigin.Header),
            .. ContentSecurityPolicy.ParseAll(HtmlMeta.HttpEquiv(facts.Body, "Content-Security-Policy"), CspOrigin.Meta),
        ];
    }

    public static CheckResult Run(HeadersFacts facts)
    {
        var policies = EnforcedPolicies(facts);
        if (policies.Count == 0)
        {
            return CheckResult.From(Name, [NotEnforced(facts)]);
        }

        var analyses = policies.Select(CspAnalysis.Of).ToArray();
        var issues = new List<Issue>();
        if (analyses.All(a => a.ScriptsUnrestricted))
        {
            issues.Add(Medium(HeadersCodes.CspScriptsUnrestricted, "CSP does not restrict scripts (no script-src or default-src)",
                "Add script-src (or default-src) with 'self' and nonces or hashes.",
                $"Content-Security-Policy: {analyses[0].Policy.Raw}",
                "Without script-src or default-src the policy allows scripts from any origin, inline scripts and eval."));
        }
        else
        {
            var restricting = analyses.First(a => !a.ScriptsUnrestricted);
            if (analyses.All(a => a.UnsafeInline))
            {
                issues.Add(Medium(HeadersCodes.CspUnsafeInline, "CSP allows inline scripts ('unsafe-inline' without nonce or hash)",
                    "Remove 'unsafe-inline' from script-src; allow the inline scripts you need with nonces or hashes ('strict-dynamic').",
                    restricting.ScriptEvidence, "'unsafe-inline' lets injected <script> blocks and event handlers run, which removes CSP's protection against XSS."));
            }

            if (analyses.All(a => a.UnsafeEval))
            {
                issues.Add(Medium(HeadersCodes.CspUnsafeEval, "CSP allows eval() ('unsafe-eval')",
                    "Remove 'unsafe-eval' from script-src and replace eval/new Function in the site's scripts.",
                    restricting.ScriptEvidence, "'unsafe-eval' lets strings be executed as code, turning injected data into script."));
            }

            if (analyses.All(a => a.BroadScriptSources.Count > 0))
            {
                issues.Add(Medium(HeadersCodes.CspBroadScriptSource,
                    $"CSP allows scripts from over-broad sources ({string.Join(", ", restricting.BroadScriptSources)})",
                    "List the exact script origins, or use nonces with 'strict-dynamic'; never *, https:, http: or data: for scripts.",
                    restricting.ScriptEvidence, "A wildcard or scheme-only script source lets an attacker load script from any host they control."));
            }
        }

        if (analyses.All(a => a.ObjectUnrestricted))
        {
            var first = analyses[0];
            issues.Add(Medium(HeadersCodes.CspObjectSrcUnrestricted, "CSP does not restrict plugins (object-src)",
                "Add object-src 'none'.",
                first.ObjectEvidence + (first.ObjectDirective is null ? " (no object-src or default-src)" : ""),
                "An unrestricted object-src allows <object>/<embed> from anywhere, a known way around script-src."));
        }

        if (!analyses.Any(a => a.HasBaseUri))
        {
            issues.Add(new Issue(ModuleKeys.Headers, HeadersCodes.CspBaseUriMissing, Severity.Low,
                "CSP does not restrict <base> (no base-uri)",
                "Add base-uri 'none' (or 'self'); base-uri does not fall back to default-src.",
                $"{Label(analyses[0].Policy)} {analyses[0].Policy.Raw}",
                "An injected <base href> can redirect every relative script URL to an attacker's host, even with nonces."));
        }

        return CheckResult.From(Name, issues);
    }

    private static Issue NotEnforced(HeadersFacts facts)
    {
        var reportOnly = facts.Headers.GetValues("Content-Security-Policy-Report-Only");
        if (reportOnly.Count > 0)
        {
            return Medium(HeadersCodes.CspReportOnly, "CSP is only in report-only mode (not enforced)",
                $"Once the reports are clean, send the policy as Content-Security-Policy. {Example}",
                $"Content-Security-Policy-Report-Only: {reportOnly[0]} (no enforced Content-Security-Policy)",
                "A report-only policy reports violations but blocks nothing, so it gives no protection against XSS.");
        }

        var empty = facts.Headers.GetValues("Content-Security-Policy");
        var evidence = empty.Count > 0
            ? $"Content-Security-Policy: {empty[0]} (no directives a browser can apply)"
            : $"no Content-Security-Policy header or <meta http-equiv> on {facts.FinalUrl}";
        return Medium(HeadersCodes.CspMissing, "No Content Security Policy (CSP)", $"Add a Content-Security-Policy header. {Example}",
            evidence, "Without a CSP the browser runs any script an attacker manages to inject (XSS).");
    }

    private static Issue Medium(string code, string title, string remediation, string evidence, string detail) =>
        new(ModuleKeys.Headers, code, Severity.Medium, title, remediation, evidence, detail);

    private static string Label(ContentSecurityPolicy policy) =>
        policy.Origin == CspOrigin.Meta ? "<meta http-equiv=\"Content-Security-Policy\">" : "Content-Security-Policy:";
}
