using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Cookies;
using ComplianceLayer.Tests.Scanning.Modules.Headers;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Cookies;

[Trait("Category", "Integration")]
public sealed class CookiesModuleTests : IDisposable
{
    private const string SecretValue = "s3cr3t-session-value";

    private readonly HeadersSiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task RunAsync_CookiesOnRedirectAndFinalPage_EachJudgedNoValueStored()
    {
        var (outcome, _, _) = await _site.RunAsync(new CookiesModule(), r => r.Path == "/"
            ? TestHttpResponse.Redirect(302, "/home", ("Set-Cookie", $"sessionid={SecretValue}; Path=/; HttpOnly; SameSite=Lax"))
            : HeadersSiteFixture.Page(
                ("Set-Cookie", "theme=dark; Secure; SameSite=Lax; Max-Age=31536000"),
                ("Set-Cookie", "__Host-csrf=abc; Secure; Path=/app"),
                ("Set-Cookie", "old=; Max-Age=0")));

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Equal(
            ["cookies.missing_httponly:theme", "cookies.missing_secure:sessionid", "cookies.prefix_violation:__Host-csrf"],
            outcome.Issues.Select(i => i.Fingerprint).Order(StringComparer.Ordinal));
        Assert.Equal(Severity.Medium, outcome.Issues.Single(i => i.Code == CookiesCodes.MissingSecure).Severity);
        Assert.Contains("(from https://shop.example.com:", outcome.Issues.Single(i => i.Code == CookiesCodes.MissingSecure).Evidence, StringComparison.Ordinal);

        var cookies = outcome.Details["cookies"]!.AsArray();
        Assert.Equal(["sessionid", "theme", "__Host-csrf", "old"], cookies.Select(c => (string?)c!["name"]));
        Assert.Equal("/", (string?)cookies[0]!["path"]);
        Assert.True((bool)cookies[3]!["deleted"]!);
        Assert.True((bool)cookies[0]!["session_like"]!);
        var json = outcome.Details.ToJsonString() + string.Join("", outcome.Issues.Select(i => i.Evidence + i.Title + i.Detail));
        Assert.DoesNotContain(SecretValue, json, StringComparison.Ordinal);
        Assert.DoesNotContain("dark", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HstsOnSite_SessionMissingSecureLow()
    {
        var (outcome, _, _) = await _site.RunAsync(new CookiesModule(), _ => HeadersSiteFixture.Page(
            ("Strict-Transport-Security", "max-age=31536000"), ("Set-Cookie", "sessionid=1; HttpOnly; SameSite=Strict")));

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal(CookiesCodes.MissingSecure, issue.Code);
        Assert.Equal(Severity.Low, issue.Severity);
        Assert.True((bool)outcome.Details["hsts_active"]!);
    }

    [Fact]
    public async Task RunAsync_NoCookies_CompletedWithoutIssues()
    {
        var (outcome, _, _) = await _site.RunAsync(new CookiesModule(), _ => HeadersSiteFixture.Page());

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Empty(outcome.Issues);
        Assert.Equal(0, (int)outcome.Details["cookie_count"]!);
        Assert.Equal("The home page and its redirects set no cookies.", (string?)outcome.Details["summary"]);
    }

    [Fact]
    public async Task RunAsync_HttpOnlySite_NoSecureExpectedButOtherFlagsChecked()
    {
        var (outcome, _, _) = await _site.RunAsync(new CookiesModule(), https: null, http: _ => HeadersSiteFixture.Page(
            ("Set-Cookie", "sessionid=1; SameSite=Lax")));

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal("cookies.missing_httponly:sessionid", issue.Fingerprint);
        Assert.Equal("http", (string?)outcome.Details["source"]);
        Assert.Contains("no HTTPS site answered", (string?)outcome.Details["note"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SameSiteNoneWithoutSecure_Reported()
    {
        var (outcome, _, _) = await _site.RunAsync(new CookiesModule(), _ => HeadersSiteFixture.Page(
            ("Set-Cookie", "widget=1; HttpOnly; SameSite=None")));

        Assert.Equal("cookies.samesite_none_insecure:widget", Assert.Single(outcome.Issues).Fingerprint);
    }

    [Fact]
    public async Task RunAsync_NothingAnswers_NotTested()
    {
        var (outcome, _, _) = await _site.RunAsync(new CookiesModule(), https: null);

        Assert.Equal(ModuleStatus.NotTested, outcome.Status);
        Assert.Contains("could not be fetched", outcome.Reason, StringComparison.Ordinal);
    }
}
