using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Headers;
using ComplianceLayer.Scanning.Modules.Headers.Checks;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

/// <summary>Hand-built facts: a well-configured HTTPS site, with headers replaced (value) or removed (null) per test.</summary>
internal static class HeaderFacts
{
    public static readonly Uri Url = new("https://shop.example.com/");

    private static readonly (string Name, string Value)[] GoodHeaders =
    [
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        ("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", "camera=(), microphone=()"),
        ("Server", "nginx"),
    ];

    public static HeadersFacts Good(params (string Name, string? Value)[] overrides) => With(GoodHeaders, overrides);

    /// <summary>Only the given headers (for tests that start from nothing).</summary>
    public static HeadersFacts Only(params (string Name, string Value)[] headers) => With(headers, []);

    public static HeadersFacts With((string Name, string Value)[] baseline, (string Name, string? Value)[] overrides)
    {
        var replaced = overrides.Select(o => o.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entries = baseline.Where(h => !replaced.Contains(h.Name))
            .Concat(overrides.Where(o => o.Value is not null).Select(o => (o.Name, Value: o.Value!)))
            .Select(h => new KeyValuePair<string, string>(h.Name, h.Value));
        return new HeadersFacts
        {
            Source = HeaderSource.Https,
            RequestedUrl = Url,
            FinalUrl = Url,
            StatusCode = 200,
            Chain = [new RedirectStep(Url, 200)],
            Headers = new HttpHeaderList(entries),
            CertificateValid = true,
            CorsProbes = [new CorsProbeResult("GET", CorsCheck.ForeignOrigin) { StatusCode = 200 }],
        };
    }

    public static IReadOnlyList<string> Codes(CheckResult result) => [.. result.Issues.Select(i => i.Code)];

    public static Issue Single(CheckResult result, string code) => Assert.Single(result.Issues, i => i.Code == code);
}
