using System.Net;
using System.Text;

namespace ComplianceLayer.Scanning.Net;

/// <summary>One request of a module. Redirects are followed by hand, each hop checked by the guard.</summary>
public sealed record GuardedHttpRequest(Uri Url)
{
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>Extra request headers, e.g. <c>Origin</c> for CORS probes. User-Agent comes from the options unless given here.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public bool FollowRedirects { get; init; } = true;

    /// <summary>Overrides <see cref="ScanningOptions.MaxRedirects"/>.</summary>
    public int? MaxRedirects { get; init; }

    /// <summary>Overrides <see cref="ScanningOptions.RequestTimeout"/>; covers all hops and the body.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Overrides <see cref="ScanningOptions.MaxBodyBytes"/>.</summary>
    public int? MaxBodyBytes { get; init; }

    /// <summary>False to skip the final body (e.g. when only headers matter).</summary>
    public bool ReadBody { get; init; } = true;

    /// <summary>A request body (e.g. a webhook's JSON), sent as is with <see cref="ContentType"/>.</summary>
    public ReadOnlyMemory<byte>? Content { get; init; }

    /// <summary>The media type of <see cref="Content"/>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>
    /// Refuse to send over TLS unless the certificate is trusted and matches the host (webhooks: the signed body must
    /// not go to an impostor). Scan modules leave it off and read the certificate problems from the response instead.
    /// </summary>
    public bool RequireTrustedCertificate { get; init; }
}

/// <summary>A redirect response that was followed.</summary>
public sealed record HttpHop(
    Uri Url,
    IPAddress? RemoteAddress,
    int StatusCode,
    string? ReasonPhrase,
    HttpHeaderList Headers,
    Uri Location,
    TlsHandshakeResult? Tls);

/// <summary>The final response with the redirect chain that led to it.</summary>
public sealed record GuardedHttpResponse
{
    public required Uri RequestedUrl { get; init; }

    public required Uri Url { get; init; }

    /// <summary>The checked address the final request was sent to.</summary>
    public required IPAddress? RemoteAddress { get; init; }

    public required int StatusCode { get; init; }

    public string? ReasonPhrase { get; init; }

    public required Version Version { get; init; }

    public required HttpHeaderList Headers { get; init; }

    /// <summary>The TLS handshake of the final request (https only): protocol, cipher, certificate and its errors.</summary>
    public TlsHandshakeResult? Tls { get; init; }

    /// <summary>The body, at most the cap; empty when not read.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body was longer than the cap and was cut.</summary>
    public required bool BodyTruncated { get; init; }

    /// <summary>The body decoded with the charset of Content-Type, else UTF-8.</summary>
    public required string BodyText { get; init; }

    /// <summary>Redirects followed before <see cref="Url"/>, in order.</summary>
    public required IReadOnlyList<HttpHop> Redirects { get; init; }

    /// <summary>This response is itself a redirect that was not followed because the limit was reached.</summary>
    public bool RedirectLimitReached { get; init; }

    /// <summary>Why a redirect of this response was not followed (limit, unsupported scheme), if so.</summary>
    public string? RedirectNotFollowedReason { get; init; }

    /// <summary>Some hop went from https to http.</summary>
    public bool DowngradedToHttp { get; init; }

    /// <summary>Location of this response, resolved against its URL (relevant when not followed).</summary>
    public Uri? Location { get; init; }

    /// <summary>Every Set-Cookie of the redirect chain and the final response, in order.</summary>
    public IEnumerable<string> AllSetCookies
        => Redirects.SelectMany(h => h.Headers.GetValues("Set-Cookie")).Concat(Headers.GetValues("Set-Cookie"));

    internal static string Decode(ReadOnlySpan<byte> body, string? charset)
    {
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"', '\''));
            }
            catch (ArgumentException)
            {
                // Unknown charset: UTF-8 with replacement characters is still readable for checks.
            }
        }

        return encoding.GetString(body);
    }
}
