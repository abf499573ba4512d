using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Cookies;
using ComplianceLayer.Scanning.Modules.Cookies.Checks;

namespace ComplianceLayer.Tests.Scanning.Modules.Cookies;

public sealed class CookieChecksTests
{
    private static readonly Uri Home = new("https://shop.example.com/");

    private static CookiesFacts Facts(bool https = true, bool hsts = false, params string[] headers) => new()
    {
        FinalUrl = https ? Home : new Uri("http://shop.example.com/"),
        SiteIsHttps = https,
        HstsActive = hsts,
        Cookies = [.. headers.Select(h => new ObservedCookie(SetCookie.Parse(h)!, https ? Home : new Uri("http://shop.example.com/")))],
        Now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    };

    private static IReadOnlyList<Issue> Run(CookiesFacts facts) => [.. CookiePrefixCheck.Run(facts), .. CookieFlagsCheck.Run(facts)];

    [Fact]
    public void Run_WellFormedSessionCookie_NoIssues()
    {
        Assert.Empty(Run(Facts(headers: "sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax")));
    }

    [Fact]
    public void Run_NoCookies_NoIssues()
    {
        Assert.Empty(Run(Facts()));
    }

    [Fact]
    public void Run_SessionCookieMissingSecure_MediumWithFingerprintAndRedactedEvidence()
    {
        var issue = Assert.Single(Run(Facts(headers: "sessionid=topsecret; Path=/; HttpOnly; SameSite=Lax")));

        Assert.Equal(CookiesCodes.MissingSecure, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
        Assert.Equal("cookies.missing_secure:sessionid", issue.Fingerprint);
        Assert.Equal("Set-Cookie: sessionid=…; Path=/; HttpOnly; SameSite=Lax (from https://shop.example.com/)", issue.Evidence);
        Assert.DoesNotContain("topsecret", issue.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sessionid", true, Severity.Low)]
    [InlineData("theme", false, Severity.Low)]
    [InlineData("theme", true, Severity.Low)]
    public void Run_MissingSecure_LowerForNonSessionOrHsts(string name, bool hsts, Severity expected)
    {
        var issue = Assert.Single(Run(Facts(hsts: hsts, headers: $"{name}=1; HttpOnly; SameSite=Lax")));

        Assert.Equal(CookiesCodes.MissingSecure, issue.Code);
        Assert.Equal(expected, issue.Severity);
    }

    [Fact]
    public void Run_HttpOnlySite_NoMissingSecure()
    {
        Assert.Empty(Run(Facts(https: false, headers: "sessionid=1; HttpOnly; SameSite=Lax")));
    }

    [Theory]
    [InlineData("sessionid", Severity.Medium)]
    [InlineData("theme", Severity.Info)]
    public void Run_MissingHttpOnly_MediumOnlyForSession(string name, Severity expected)
    {
        var issue = Assert.Single(Run(Facts(headers: $"{name}=1; Secure; SameSite=Strict")));

        Assert.Equal(CookiesCodes.MissingHttpOnly, issue.Code);
        Assert.Equal(expected, issue.Severity);
    }

    [Fact]
    public void Run_CsrfCookieReadableByScript_NoHttpOnlyIssue()
    {
        Assert.Empty(Run(Facts(headers: "XSRF-TOKEN=1; Secure; SameSite=Strict")));
    }

    [Theory]
    [InlineData("sessionid=1; Secure; HttpOnly", Severity.Low)]
    [InlineData("csrftoken=1; Secure", Severity.Low)]
    [InlineData("theme=1; Secure; HttpOnly", Severity.Info)]
    [InlineData("sessionid=1; Secure; HttpOnly; SameSite=Relaxed", Severity.Low)]
    public void Run_MissingSameSite_LowForSessionAndCsrf(string header, Severity expected)
    {
        var issue = Assert.Single(Run(Facts(headers: header)));

        Assert.Equal(CookiesCodes.MissingSameSite, issue.Code);
        Assert.Equal(expected, issue.Severity);
    }

    [Theory]
    [InlineData("sessionid=1; HttpOnly; SameSite=None", Severity.Medium)]
    [InlineData("tracker=1; HttpOnly; SameSite=None", Severity.Low)]
    public void Run_SameSiteNoneWithoutSecure_ReportedOnce(string header, Severity expected)
    {
        var issue = Assert.Single(Run(Facts(headers: header)));

        Assert.Equal(CookiesCodes.SameSiteNoneWithoutSecure, issue.Code);
        Assert.Equal(expected, issue.Severity);
    }

    [Fact]
    public void Run_SameSiteNoneWithSecure_NoIssue()
    {
        Assert.Empty(Run(Facts(headers: "embed=1; Secure; HttpOnly; SameSite=None")));
    }

    [Theory]
    [InlineData("__Host-id=1; Secure; Path=/; Domain=shop.example.com; HttpOnly; SameSite=Lax", "Domain")]
    [InlineData("__Host-id=1; Secure; Path=/app; HttpOnly; SameSite=Lax", "Path=/")]
    [InlineData("__host-id=1; Secure; HttpOnly; SameSite=Lax", "Path=/")]
    [InlineData("__Secure-id=1; HttpOnly; SameSite=Lax", "no Secure")]
    public void Run_PrefixViolated_LowAndNoOtherIssues(string header, string reason)
    {
        var issue = Assert.Single(Run(Facts(headers: header)));

        Assert.Equal(CookiesCodes.PrefixViolation, issue.Code);
        Assert.Equal(Severity.Low, issue.Severity);
        Assert.Contains(reason, issue.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("__Host-id=1; Secure; Path=/; HttpOnly; SameSite=Lax")]
    [InlineData("__Secure-id=1; Secure; Domain=example.com; HttpOnly; SameSite=Lax")]
    public void Run_PrefixRulesKept_NoIssue(string header)
    {
        Assert.Empty(Run(Facts(headers: header)));
    }

    [Fact]
    public void Run_PrefixedCookieOverHttp_Violation()
    {
        var issue = Assert.Single(Run(Facts(https: false, headers: "__Secure-id=1; Secure; HttpOnly; SameSite=Lax")));

        Assert.Contains("set over plain HTTP", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DeletionCookie_Ignored()
    {
        Assert.Empty(Run(Facts(headers: "sessionid=; Max-Age=0")));
    }

    [Fact]
    public void Run_SameCookieOnTwoHops_OneIssuePerCode()
    {
        var issues = Run(Facts(headers: ["sessionid=1; HttpOnly; SameSite=Lax", "sessionid=2; HttpOnly; SameSite=Lax"]));

        Assert.Equal(["cookies.missing_secure:sessionid"], issues.Select(i => i.Fingerprint));
    }

    [Fact]
    public void Run_NamelessCookie_PlaceholderSubject()
    {
        var issue = Assert.Single(Run(Facts(headers: "value; HttpOnly; SameSite=Lax")));

        Assert.Equal("cookies.missing_secure:(no name)", issue.Fingerprint);
    }
}
