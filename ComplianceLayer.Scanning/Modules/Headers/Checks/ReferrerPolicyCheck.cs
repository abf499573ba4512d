using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>
/// Referrer-Policy from headers and &lt;meta name="referrer"&gt; (the last recognised token wins). Values that leak
/// the full URL or leak across an HTTPS→HTTP downgrade are low, as the MDN Observatory (−5) and internet.nl score them.
/// A missing policy is info only: current browsers default to strict-origin-when-cross-origin, which is safe, and the
/// Observatory gives it 0.
/// </summary>
public static class ReferrerPolicyCheck
{
    public const string Name = "referrer_policy";

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
        "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url",
    };

    private static readonly HashSet<string> Unsafe = new(StringComparer.OrdinalIgnoreCase)
    {
        "unsafe-url", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin",
    };

    private static readonly Dictionary<string, string> LegacyMeta = new(StringComparer.OrdinalIgnoreCase)
    {
        ["never"] = "no-referrer",
        ["default"] = "strict-origin-when-cross-origin",
        ["always"] = "unsafe-url",
        ["origin-when-crossorigin"] = "origin-when-cross-origin",
    };

    /// <summary>The policy a browser applies and where it came from, or null when none is set.</summary>
    public static (string Policy, string Evidence)? Effective(HeadersFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        (string, string)? effective = null;
        foreach (var value in facts.Headers.GetValues("Referrer-Policy"))
        {
            foreach (var token in value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (Known.Contains(token))
                {
                    effective = (token.ToLowerInvariant(), $"Referrer-Policy: {value}");
                }
            }
        }

        foreach (var content in HtmlMeta.Named(facts.Body, "referrer"))
        {
            var token = content.Trim();
            var policy = LegacyMeta.TryGetValue(token, out var mapped) ? mapped : token;
            if (Known.Contains(policy))
            {
                effective = (policy.ToLowerInvariant(), $"<meta name=\"referrer\" content=\"{content}\">");
            }
        }

        return effective;
    }

    public static CheckResult Run(HeadersFacts facts)
    {
        var effective = Effective(facts);
        if (effective is null)
        {
            var invalid = facts.Headers.GetFirst("Referrer-Policy");
            return CheckResult.From(Name,
            [
                new Issue(ModuleKeys.Headers, HeadersCodes.ReferrerPolicyMissing, Severity.Info,
                    "No Referrer-Policy set (browsers default to strict-origin-when-cross-origin)",
                    "Send Referrer-Policy: strict-origin-when-cross-origin (or no-referrer) so that older browsers behave the same.",
                    invalid is null ? "no Referrer-Policy header or <meta name=\"referrer\">" : $"Referrer-Policy: {invalid} (no recognised policy)"),
            ]);
        }

        var (policy, evidence) = effective.Value;
        if (!Unsafe.Contains(policy))
        {
            return CheckResult.Pass(Name);
        }

        return CheckResult.From(Name,
        [
            new Issue(ModuleKeys.Headers, HeadersCodes.ReferrerPolicyUnsafe, Severity.Low,
                $"Referrer-Policy '{policy}' leaks URLs to other sites",
                "Use Referrer-Policy: strict-origin-when-cross-origin (or no-referrer / same-origin).",
                evidence,
                policy is "origin" or "origin-when-cross-origin"
                    ? "The origin is sent even when navigating from HTTPS to HTTP."
                    : "Full URLs (paths and query strings, which may hold tokens) are sent to other sites."),
        ]);
    }
}
