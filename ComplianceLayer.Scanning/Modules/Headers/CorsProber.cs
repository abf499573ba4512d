using ComplianceLayer.Scanning.Modules.Headers.Checks;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Headers;

/// <summary>
/// Sends the CORS probes to the final URL in parallel: a GET and an OPTIONS preflight (what the MDN Observatory sends)
/// with a foreign Origin, and a GET with Origin: null. Redirects are not followed: the final URL is what a browser reads.
/// </summary>
public static class CorsProber
{
    public static async Task<IReadOnlyList<CorsProbeResult>> ProbeAsync(GuardedHttpClient http, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        return await Task.WhenAll(
            ProbeAsync(http, url, HttpMethod.Get, CorsCheck.ForeignOrigin, cancellationToken),
            ProbeAsync(http, url, HttpMethod.Options, CorsCheck.ForeignOrigin, cancellationToken),
            ProbeAsync(http, url, HttpMethod.Get, CorsCheck.NullOrigin, cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<CorsProbeResult> ProbeAsync(GuardedHttpClient http, Uri url, HttpMethod method, string origin, CancellationToken cancellationToken)
    {
        var probe = new CorsProbeResult(method.Method, origin);
        List<KeyValuePair<string, string>> headers = [new("Origin", origin)];
        if (method == HttpMethod.Options)
        {
            headers.Add(new("Access-Control-Request-Method", "GET"));
        }

        try
        {
            var response = await http.SendAsync(
                new GuardedHttpRequest(url) { Method = method, Headers = headers, FollowRedirects = false, ReadBody = false },
                cancellationToken).ConfigureAwait(false);
            return probe with
            {
                StatusCode = response.StatusCode,
                AllowOrigin = response.Headers.GetValues("Access-Control-Allow-Origin"),
                AllowCredentials = response.Headers.GetFirst("Access-Control-Allow-Credentials"),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException
            or ScanTargetRefusedException or ScanHostUnresolvedException)
        {
            return probe with { Error = ex.Message };
        }
    }
}
