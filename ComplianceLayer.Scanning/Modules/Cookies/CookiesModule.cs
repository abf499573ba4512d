using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Cookies.Checks;
using ComplianceLayer.Scanning.Modules.Headers;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Cookies;

/// <summary>
/// Every Set-Cookie of the home page and its redirect hops (the HTTPS site, else the HTTP site). No cookies is a
/// completed module without issues; no home page at all is not tested.
/// </summary>
public sealed class CookiesModule : IScanModule
{
    public string Key => ModuleKeys.Cookies;

    public async Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fetch = await context.HttpsHomePageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var httpsError = fetch.Error;
        if (fetch.Response is null)
        {
            fetch = await context.HttpHomePageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (fetch.Response is null)
            {
                return ModuleOutcome.NotTested(Key, $"the home page could not be fetched: {httpsError}; {fetch.Url}: {fetch.Error}");
            }
        }

        var facts = Facts(fetch.Url, fetch.Response, context.Network.Time.GetUtcNow());
        var issues = CookiePrefixCheck.Run(facts).Concat(CookieFlagsCheck.Run(facts)).ToArray();
        var details = CookiesDetails.Build(facts);
        if (!facts.SiteIsHttps)
        {
            details["note"] = $"no HTTPS site answered ({httpsError}); cookies were read from the HTTP site, where Secure cannot be expected";
        }

        return ModuleOutcome.Completed(Key, issues, details);
    }

    public static CookiesFacts Facts(Uri requested, GuardedHttpResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(response);
        var cookies = new List<ObservedCookie>();
        var unparsable = 0;
        var responses = response.Redirects.Select(h => (h.Url, h.Headers)).Append((response.Url, response.Headers));
        foreach (var (url, headers) in responses)
        {
            foreach (var header in headers.GetValues("Set-Cookie"))
            {
                if (SetCookie.Parse(header) is { } cookie)
                {
                    cookies.Add(new ObservedCookie(cookie, url));
                }
                else
                {
                    unparsable++;
                }
            }
        }

        var hsts = response.Url.Scheme == Uri.UriSchemeHttps && response.Headers.GetFirst("Strict-Transport-Security") is { } raw
            ? HstsHeader.Parse(raw)
            : null;
        return new CookiesFacts
        {
            FinalUrl = response.Url,
            SiteIsHttps = requested.Scheme == Uri.UriSchemeHttps,
            HstsActive = hsts is { IsValid: true, MaxAge: > 0 },
            Cookies = cookies,
            Unparsable = unparsable,
            Now = now,
        };
    }
}
