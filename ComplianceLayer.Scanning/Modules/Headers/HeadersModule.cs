using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Headers;

/// <summary>
/// Security headers of the home page: the final HTTPS response after redirects (falling back to the HTTP site, with HSTS
/// not applicable), plus CORS probes sent to the final URL. "Could not fetch" is not tested, never a pass or a fail.
/// </summary>
public sealed class HeadersModule : IScanModule
{
    public string Key => ModuleKeys.Headers;

    public async Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var https = await context.HttpsHomePageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var fetch = https.Response is null
            ? await context.HttpHomePageAsync().WaitAsync(cancellationToken).ConfigureAwait(false)
            : https;
        if (fetch.Response is not { } response)
        {
            return ModuleOutcome.NotTested(Key, $"the home page could not be fetched: {https.Url}: {https.Error}; {fetch.Url}: {fetch.Error}");
        }

        if (!IsUsable(response.StatusCode))
        {
            // As the MDN Observatory: an error page's headers are often not the site's (proxies, WAF challenges).
            return ModuleOutcome.NotTested(Key, $"{response.Url} answered HTTP {response.StatusCode}; headers are only judged on a 2xx/3xx/401/403 page");
        }

        var cors = await CorsProber.ProbeAsync(context.Network.Http, response.Url, cancellationToken).ConfigureAwait(false);
        var facts = new HeadersFacts
        {
            Source = ReferenceEquals(fetch, https) ? HeaderSource.Https : HeaderSource.Http,
            RequestedUrl = fetch.Url,
            FinalUrl = response.Url,
            StatusCode = response.StatusCode,
            Chain = [.. response.Redirects.Select(h => new RedirectStep(h.Url, h.StatusCode)), new RedirectStep(response.Url, response.StatusCode)],
            Headers = response.Headers,
            Body = response.BodyText,
            HttpsError = https.Response is null ? $"{https.Url} failed: {https.Error}" : null,
            CertificateValid = response.Tls is { } tls ? tls.IsChainTrusted && tls.HostnameMatches : null,
            CorsProbes = cors,
        };
        var results = HeadersChecks.Run(facts);
        return ModuleOutcome.Completed(Key, results.SelectMany(r => r.Issues), HeadersDetails.Build(facts, results));
    }

    private static bool IsUsable(int status) => status is >= 200 and < 400 or 401 or 403;
}
