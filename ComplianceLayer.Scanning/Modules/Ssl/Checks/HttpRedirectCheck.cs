using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Scanning.Modules.Ssl.Checks;

/// <summary>Plain HTTP must end on HTTPS. A site that does not answer on HTTP at all is fine: nothing can be downgraded.</summary>
public static class HttpRedirectCheck
{
    public static IEnumerable<Issue> Run(HttpRedirectFacts? http)
    {
        if (http is null || !http.Reachable || http.EndsOnHttps)
        {
            yield break;
        }

        var chain = http.Chain.Count > 0 ? string.Join(" -> ", http.Chain) : http.RequestedUrl;
        yield return SslIssue.Create(SslCodes.HttpNoRedirect, Severity.High,
            "HTTP does not redirect to HTTPS",
            "Redirect every plain-HTTP request to the HTTPS site with a 301/308, and add HSTS.",
            $"{chain} (final status {http.FinalStatus})",
            "Visitors who type the bare name or follow an http:// link stay on an unencrypted connection.");
    }
}
