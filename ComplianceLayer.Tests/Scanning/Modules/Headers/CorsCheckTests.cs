using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Headers;
using ComplianceLayer.Scanning.Modules.Headers.Checks;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

public sealed class CorsCheckTests
{
    private static HeadersFacts WithProbes(params CorsProbeResult[] probes) => HeaderFacts.Good() with { CorsProbes = probes };

    private static CorsProbeResult Probe(string method, string origin, string? allowOrigin, string? credentials) =>
        new(method, origin) { StatusCode = 200, AllowOrigin = allowOrigin is null ? [] : [allowOrigin], AllowCredentials = credentials };

    [Fact]
    public void Run_ReflectedWithCredentials_High()
    {
        var result = CorsCheck.Run(WithProbes(Probe("GET", CorsCheck.ForeignOrigin, CorsCheck.ForeignOrigin, "true")));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.CorsOriginReflectedWithCredentials, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
        Assert.Equal(
            "GET with Origin: https://evil-origin.example → HTTP 200, Access-Control-Allow-Origin: https://evil-origin.example, Access-Control-Allow-Credentials: true",
            issue.Evidence);
    }

    [Fact]
    public void Run_ReflectedOnPreflightOnly_High()
    {
        var result = CorsCheck.Run(WithProbes(
            Probe("GET", CorsCheck.ForeignOrigin, null, null),
            Probe("OPTIONS", CorsCheck.ForeignOrigin, CorsCheck.ForeignOrigin, "true")));

        Assert.StartsWith("OPTIONS", HeaderFacts.Single(result, HeadersCodes.CorsOriginReflectedWithCredentials).Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("True")]
    [InlineData("false")]
    [InlineData(null)]
    public void Run_ReflectedWithoutValidCredentials_InfoOnly(string? credentials)
    {
        var result = CorsCheck.Run(WithProbes(Probe("GET", CorsCheck.ForeignOrigin, CorsCheck.ForeignOrigin, credentials)));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.CorsOriginReflected, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Run_TwoAllowOriginValues_BrowsersFailSoNoIssue()
    {
        var probe = Probe("GET", CorsCheck.ForeignOrigin, null, "true") with { AllowOrigin = [CorsCheck.ForeignOrigin, "https://shop.example.com"] };

        Assert.Empty(CorsCheck.Run(WithProbes(probe)).Issues);
    }

    [Fact]
    public void Run_NullOriginWithCredentials_High()
    {
        var result = CorsCheck.Run(WithProbes(
            Probe("GET", CorsCheck.ForeignOrigin, null, null),
            Probe("GET", CorsCheck.NullOrigin, "null", "true")));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.CorsNullOriginWithCredentials, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
    }

    [Fact]
    public void Run_NullOriginWithoutCredentials_NoIssue()
    {
        Assert.Empty(CorsCheck.Run(WithProbes(Probe("GET", CorsCheck.NullOrigin, "null", null))).Issues);
    }

    [Fact]
    public void Run_WildcardWithCredentials_Info()
    {
        var issue = Assert.Single(CorsCheck.Run(WithProbes(Probe("GET", CorsCheck.ForeignOrigin, "*", "true"))).Issues);

        Assert.Equal(HeadersCodes.CorsWildcardWithCredentials, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
    }

    [Theory]
    [InlineData("*", null)]
    [InlineData("https://shop.example.com", "true")]
    [InlineData(null, null)]
    public void Run_RestrictedOrPublic_NoIssue(string? allowOrigin, string? credentials)
    {
        var result = CorsCheck.Run(WithProbes(Probe("GET", CorsCheck.ForeignOrigin, allowOrigin, credentials)));

        Assert.Empty(result.Issues);
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Run_NoProbeAnswered_NotTestedWithReason()
    {
        var result = CorsCheck.Run(WithProbes(new CorsProbeResult("GET", CorsCheck.ForeignOrigin) { Error = "timed out" }));

        Assert.Equal(CheckStatus.NotTested, result.Status);
        Assert.Empty(result.Issues);
        Assert.Contains("timed out", result.Reason, StringComparison.Ordinal);
    }
}
