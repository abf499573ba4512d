using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Headers;
using ComplianceLayer.Scanning.Modules.Headers.Checks;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

[Trait("Category", "Integration")]
public sealed class HeadersModuleTests : IDisposable
{
    private static readonly (string, string)[] Strong =
    [
        ("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload"),
        ("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", "geolocation=()"),
        ("Server", "nginx"),
    ];

    private readonly HeadersSiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    private static IReadOnlyList<string> Codes(ModuleOutcome outcome) => [.. outcome.Issues.Select(i => i.Code).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task RunAsync_StrongSiteBehindRedirect_NoIssuesAndDetailsFromFinalPage()
    {
        var (outcome, https, _) = await _site.RunAsync(new HeadersModule(), r => r.Path == "/"
            ? TestHttpResponse.Redirect(301, "/home")
            : HeadersSiteFixture.Page(Strong));

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Empty(outcome.Issues);
        var details = outcome.Details;
        Assert.Equal("https", (string?)details["source"]);
        Assert.EndsWith("/home", (string?)details["final_url"], StringComparison.Ordinal);
        var chain = details["redirect_chain"]!.AsArray();
        Assert.Equal([301, 200], chain.Select(s => (int)s!["status"]!));
        Assert.Equal(63072000L, (long?)details["hsts"]!["max_age"]);
        Assert.Equal("'none'", (string?)details["csp"]!["policies"]![0]!["directives"]!["object-src"]![0]);
        Assert.Equal("no-referrer", (string?)details["referrer_policy"]);
        Assert.Equal(3, details["cors"]!.AsArray().Count);
        Assert.Equal("pass", (string?)details["checks"]!["hsts"]!["status"]);
        Assert.Contains(https!.Requests, r => r.Method == "OPTIONS" && r.Path == "/home" && r.Headers.GetValueOrDefault("Origin") == CorsCheck.ForeignOrigin);
        Assert.Contains(https.Requests, r => r.Method == "GET" && r.Headers.GetValueOrDefault("Origin") == "null");
    }

    [Fact]
    public async Task RunAsync_WeakSite_EachWeaknessReported()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), _ => HeadersSiteFixture.Page(
            ("Strict-Transport-Security", "max-age=300"),
            ("Content-Security-Policy", "script-src 'self' 'unsafe-inline' 'unsafe-eval' https:"),
            ("X-Content-Type-Options", "sniff"),
            ("Referrer-Policy", "unsafe-url"),
            ("Server", "Apache/2.4.41 (Ubuntu)"),
            ("X-Powered-By", "PHP/7.4.3")));

        Assert.Equal(
            ((string[])[
                HeadersCodes.CspBaseUriMissing, HeadersCodes.CspBroadScriptSource, HeadersCodes.CspObjectSrcUnrestricted,
                HeadersCodes.CspUnsafeEval, HeadersCodes.CspUnsafeInline, HeadersCodes.FramingMissing,
                HeadersCodes.HstsShortMaxAge, HeadersCodes.HstsNoIncludeSubDomains, HeadersCodes.PermissionsPolicyMissing,
                HeadersCodes.ReferrerPolicyUnsafe, HeadersCodes.VersionDisclosed, HeadersCodes.VersionDisclosed, HeadersCodes.ContentTypeOptionsMissing,
            ]).Order(StringComparer.Ordinal),
            Codes(outcome));
        Assert.Contains(outcome.Issues, i => i.Fingerprint == "headers.version_disclosed:x-powered-by");
    }

    [Fact]
    public async Task RunAsync_NoHstsAndReportOnlyCsp_MissingHighAndReportOnly()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), _ => HeadersSiteFixture.Page(
            [.. Strong.Where(h => h.Item1 is not "Strict-Transport-Security" and not "Content-Security-Policy"),
             ("Content-Security-Policy-Report-Only", "default-src 'self'"), ("X-Frame-Options", "SAMEORIGIN")]));

        Assert.Equal([HeadersCodes.CspReportOnly, HeadersCodes.HstsMissing], Codes(outcome));
        Assert.Equal(Severity.High, outcome.Issues.Single(i => i.Code == HeadersCodes.HstsMissing).Severity);
        Assert.Equal("missing", (string?)outcome.Details["hsts"]!["status"]);
    }

    [Fact]
    public async Task RunAsync_InvalidHsts_MissingWithParseError()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), _ => HeadersSiteFixture.Page(
            [.. Strong.Where(h => h.Item1 != "Strict-Transport-Security"), ("Strict-Transport-Security", "max-age=31536000; max-age=1")]));

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(HeadersCodes.HstsMissing, issue.Code);
        Assert.Contains("appears more than once", issue.Evidence, StringComparison.Ordinal);
        Assert.Equal("invalid", (string?)outcome.Details["hsts"]!["status"]);
    }

    [Fact]
    public async Task RunAsync_CspInMetaTag_CountsButFrameAncestorsIgnored()
    {
        var html = "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" "
            + "content=\"default-src 'self'; base-uri 'none'; frame-ancestors 'none'\"></head><body></body></html>";
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), _ => HeadersSiteFixture.Html(html,
            [.. Strong.Where(h => h.Item1 != "Content-Security-Policy")]));

        Assert.Equal([HeadersCodes.FramingMissing], Codes(outcome));
        Assert.Equal("meta", (string?)outcome.Details["csp"]!["policies"]![0]!["source"]);
    }

    [Fact]
    public async Task RunAsync_CorsReflectsAnyOriginWithCredentials_HighForOriginAndNull()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), r => r.Headers.TryGetValue("Origin", out var origin)
            ? HeadersSiteFixture.Page([.. Strong, ("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "true")])
            : HeadersSiteFixture.Page(Strong));

        Assert.Equal([HeadersCodes.CorsNullOriginWithCredentials, HeadersCodes.CorsOriginReflectedWithCredentials], Codes(outcome));
        Assert.All(outcome.Issues, i => Assert.Equal(Severity.High, i.Severity));
    }

    [Fact]
    public async Task RunAsync_CorsReflectsWithoutCredentials_InfoOnly()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), r => r.Headers.TryGetValue("Origin", out var origin)
            ? HeadersSiteFixture.Page([.. Strong, ("Access-Control-Allow-Origin", origin)])
            : HeadersSiteFixture.Page(Strong));

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(HeadersCodes.CorsOriginReflected, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
    }

    [Fact]
    public async Task RunAsync_CorsPreflightOnlyReflects_High()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), r => r.Method == "OPTIONS"
            ? HeadersSiteFixture.Page([.. Strong, ("Access-Control-Allow-Origin", r.Headers["Origin"]), ("Access-Control-Allow-Credentials", "true")])
            : HeadersSiteFixture.Page(Strong));

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(HeadersCodes.CorsOriginReflectedWithCredentials, issue.Code);
        Assert.StartsWith("OPTIONS with Origin: https://evil-origin.example", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoHttpsSite_HttpHeadersCheckedAndHstsNotApplicable()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), https: null, http: _ => HeadersSiteFixture.Page(
            [.. Strong.Where(h => h.Item1 != "Strict-Transport-Security"), ("X-Frame-Options", "DENY")]));

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Equal([HeadersCodes.HttpsUnavailable], Codes(outcome));
        Assert.Equal("http", (string?)outcome.Details["source"]);
        Assert.Equal("not_applicable", (string?)outcome.Details["hsts"]!["status"]);
        Assert.Equal("not_applicable", (string?)outcome.Details["checks"]!["hsts"]!["status"]);
        Assert.NotNull((string?)outcome.Details["https_error"]);
    }

    [Fact]
    public async Task RunAsync_NothingAnswers_NotTested()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), https: null);

        Assert.Equal(ModuleStatus.NotTested, outcome.Status);
        Assert.Empty(outcome.Issues);
        Assert.Contains("could not be fetched", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerError_NotTested()
    {
        var (outcome, _, _) = await _site.RunAsync(new HeadersModule(), _ => new TestHttpResponse(503, [], []));

        Assert.Equal(ModuleStatus.NotTested, outcome.Status);
        Assert.Contains("HTTP 503", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_HeadersAndCookiesTogether_BothCompletedOverOneFetch()
    {
        var result = await _site.EngineAsync(_ => HeadersSiteFixture.Page([.. Strong, ("Set-Cookie", "sessionid=1; Secure; HttpOnly; SameSite=Lax")]),
            new HeadersModule(), new ComplianceLayer.Scanning.Modules.Cookies.CookiesModule());

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal([ModuleKeys.Cookies, ModuleKeys.Headers], result.Outcomes.Select(o => o.Module).Order(StringComparer.Ordinal));
        Assert.All(result.Outcomes, o => Assert.Equal(ModuleStatus.Completed, o.Status));
        Assert.All(result.Outcomes, o => Assert.Empty(o.Issues));
    }
}
