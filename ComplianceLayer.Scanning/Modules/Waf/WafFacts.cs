using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Waf;

/// <summary>One HTTP exchange as the WAF checks see it: the final response plus the headers of the redirects before it.</summary>
/// <param name="HopHeaders">Headers of the redirect responses that led to the final one, in order.</param>
/// <param name="SetCookies">Every Set-Cookie of the redirect chain and the final response.</param>
/// <param name="Body">The final body (capped), decoded.</param>
public sealed record HttpObservation(
    Uri Url,
    int StatusCode,
    string? ReasonPhrase,
    HttpHeaderList Headers,
    IReadOnlyList<HttpHeaderList> HopHeaders,
    IReadOnlyList<string> SetCookies,
    string Body)
{
    /// <summary>Block pages are small; a cap keeps pattern matching cheap on large home pages.</summary>
    public const int MaxBodyChars = 256 * 1024;

    public static HttpObservation From(GuardedHttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = response.BodyText.Length > MaxBodyChars ? response.BodyText[..MaxBodyChars] : response.BodyText;
        return new HttpObservation(
            response.Url,
            response.StatusCode,
            response.ReasonPhrase,
            response.Headers,
            [.. response.Redirects.Select(h => h.Headers)],
            [.. response.AllSetCookies],
            body);
    }

    /// <summary>All header lines seen: redirects first, then the final response.</summary>
    public IEnumerable<KeyValuePair<string, string>> AllHeaders => HopHeaders.SelectMany(h => h).Concat(Headers);
}

/// <summary>The home page as fetched for all modules, and the one test request with a malicious-looking query.</summary>
/// <param name="Normal">The home page (HTTPS, else HTTP).</param>
/// <param name="ProbeUrl">The URL of the test request.</param>
/// <param name="Probe">Its response, or null when it failed.</param>
/// <param name="ProbeError">Why it failed, when it did.</param>
public sealed record WafFacts(HttpObservation Normal, Uri ProbeUrl, HttpObservation? Probe, string? ProbeError);
