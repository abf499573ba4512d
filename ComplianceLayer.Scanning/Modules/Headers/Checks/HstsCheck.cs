using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>
/// HSTS on the final HTTPS page (RFC 6797: only the first header counts, an invalid one is ignored). The minimum is
/// 180 days (15 552 000 s), the threshold of the MDN HTTP Observatory and of testssl.sh/SSL Labs (HSTS_MIN=180 days):
/// a 180-day policy, a common value, passes there and must pass here.
/// </summary>
public static class HstsCheck
{
    public const string Name = "hsts";

    public const long MinimumMaxAge = 15_552_000;

    private const string Recommended = "Strict-Transport-Security: max-age=31536000; includeSubDomains";

    public static CheckResult Run(HeadersFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Source == HeaderSource.Http)
        {
            return CheckResult.NotApplicable(Name, "no HTTPS site answered; HSTS only takes effect over HTTPS", new Issue(
                ModuleKeys.Headers, HeadersCodes.HttpsUnavailable, Severity.Info,
                "Headers were read from the HTTP site: the HTTPS site did not answer",
                "Serve the site over HTTPS, redirect HTTP to it and add HSTS (see the ssl module).",
                $"GET {facts.HttpsError ?? "of the HTTPS home page got no response"}",
                "HSTS is not applicable without HTTPS; every other header was checked on the HTTP site."));
        }

        if (!facts.FinalIsHttps)
        {
            return Fail(Missing(
                $"{facts.RequestedUrl} ends at {facts.FinalUrl} (HTTP {facts.StatusCode}): the page is served over plain HTTP, where browsers ignore HSTS",
                "The HTTPS site redirects to plain HTTP, so HSTS cannot protect it."));
        }

        var values = facts.Headers.GetValues("Strict-Transport-Security");
        if (values.Count == 0)
        {
            return Fail(Missing($"no Strict-Transport-Security header on {facts.FinalUrl} (HTTP {facts.StatusCode})", ""));
        }

        var hsts = HstsHeader.Parse(values[0]);
        var evidence = $"Strict-Transport-Security: {hsts.Raw}" + (values.Count > 1 ? $" (first of {values.Count} headers; only the first counts)" : "");
        if (!hsts.IsValid)
        {
            return Fail(Missing($"{evidence} — invalid: {hsts.Error}", "Browsers ignore an HSTS header that does not follow RFC 6797."));
        }

        if (hsts.MaxAge == 0)
        {
            return Fail(Missing(evidence, "max-age=0 tells browsers to forget the host's HSTS policy."));
        }

        var issues = new List<Issue>();
        if (hsts.MaxAge < MinimumMaxAge)
        {
            issues.Add(new Issue(ModuleKeys.Headers, HeadersCodes.HstsShortMaxAge, Severity.Medium,
                $"HSTS max-age is shorter than 6 months ({hsts.MaxAge} s)",
                $"Raise max-age to at least 15552000 (180 days), preferably 31536000: {Recommended}.",
                evidence,
                "Short HSTS lifetimes leave returning visitors exposed to SSL stripping once the policy expires."));
        }

        if (!hsts.IncludeSubDomains)
        {
            issues.Add(new Issue(ModuleKeys.Headers, HeadersCodes.HstsNoIncludeSubDomains, Severity.Low,
                "HSTS does not cover subdomains (no includeSubDomains)",
                $"Add includeSubDomains once every subdomain serves HTTPS: {Recommended}.",
                evidence,
                "Without includeSubDomains an attacker can use a plain-HTTP subdomain to set or read cookies scoped to the parent domain."));
        }

        if (hsts.Preload && (hsts.MaxAge < HstsHeader.PreloadMinimumMaxAge || !hsts.IncludeSubDomains))
        {
            issues.Add(new Issue(ModuleKeys.Headers, HeadersCodes.HstsPreloadIneligible, Severity.Info,
                "HSTS asks for preloading but does not meet the preload list's requirements",
                "For the HSTS preload list use max-age of at least 31536000 with includeSubDomains and preload, or drop preload.",
                evidence,
                "hstspreload.org requires max-age ≥ 31536000 and includeSubDomains. Whether the domain is on the preload list was not checked."));
        }

        return CheckResult.From(Name, issues);
    }

    private static CheckResult Fail(Issue issue) => CheckResult.From(Name, [issue]);

    private static Issue Missing(string evidence, string detail) => new(
        ModuleKeys.Headers, HeadersCodes.HstsMissing, Severity.High,
        "HSTS (Strict-Transport-Security) is not in effect on the HTTPS site",
        $"Send {Recommended} on every HTTPS response.",
        evidence,
        detail + " Without HSTS a network attacker can downgrade the first visit to HTTP (SSL stripping).");
}
