using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Headers;

/// <summary>Which home page the headers were read from.</summary>
public enum HeaderSource
{
    Https,
    Http,
}

/// <summary>One response of the redirect chain (the last one is the final page).</summary>
public sealed record RedirectStep(Uri Url, int StatusCode);

/// <summary>What the headers module measured: the final home-page response and the CORS probes sent to it.</summary>
public sealed record HeadersFacts
{
    public required HeaderSource Source { get; init; }

    /// <summary>The URL the scan started from (https://domain/ or http://domain/).</summary>
    public required Uri RequestedUrl { get; init; }

    public required Uri FinalUrl { get; init; }

    public required int StatusCode { get; init; }

    /// <summary>Every response from the first request to the final page, in order.</summary>
    public required IReadOnlyList<RedirectStep> Chain { get; init; }

    public required HttpHeaderList Headers { get; init; }

    /// <summary>The final body (for &lt;meta&gt; policies); may be empty or truncated.</summary>
    public string Body { get; init; } = "";

    /// <summary>"&lt;https url&gt; failed: &lt;reason&gt;" when the HTTPS home page could not be fetched (<see cref="Source"/> is HTTP).</summary>
    public string? HttpsError { get; init; }

    /// <summary>The final page's certificate validates (trusted chain, matching name); null over HTTP.</summary>
    public bool? CertificateValid { get; init; }

    public IReadOnlyList<CorsProbeResult> CorsProbes { get; init; } = [];

    /// <summary>The final page is served over HTTPS, where HSTS can take effect.</summary>
    public bool FinalIsHttps => FinalUrl.Scheme == Uri.UriSchemeHttps;
}

/// <summary>One CORS probe: a request with a foreign Origin, and the CORS headers it got back.</summary>
public sealed record CorsProbeResult(string Method, string Origin)
{
    public int? StatusCode { get; init; }

    /// <summary>Every Access-Control-Allow-Origin value received (more than one makes browsers fail the check).</summary>
    public IReadOnlyList<string> AllowOrigin { get; init; } = [];

    public string? AllowCredentials { get; init; }

    /// <summary>Why the probe got no answer; the probe then proves nothing either way.</summary>
    public string? Error { get; init; }

    public bool Answered => Error is null && StatusCode is not null;

    public string Label => $"{Method} with Origin: {Origin}";
}
