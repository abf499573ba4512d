using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Headers;
using ComplianceLayer.Scanning.Modules.Headers.Checks;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

public sealed class HstsCheckTests
{
    [Theory]
    [InlineData("max-age=31536000; includeSubDomains")]
    [InlineData("max-age=15552000; includeSubDomains")]
    [InlineData("max-age=63072000; includeSubDomains; preload")]
    public void Run_StrongHsts_PassesWithoutIssues(string value)
    {
        var result = HstsCheck.Run(HeaderFacts.Good(("Strict-Transport-Security", value)));

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Run_NoHeader_MissingHigh()
    {
        var result = HstsCheck.Run(HeaderFacts.Good(("Strict-Transport-Security", null)));

        var issue = HeaderFacts.Single(result, HeadersCodes.HstsMissing);
        Assert.Equal(Severity.High, issue.Severity);
        Assert.Contains("no Strict-Transport-Security header on https://shop.example.com/", issue.Evidence, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, result.Status);
    }

    [Theory]
    [InlineData("max-age=abc; includeSubDomains")]
    [InlineData("includeSubDomains")]
    [InlineData("max-age=0; includeSubDomains")]
    [InlineData("max-age=31536000; max-age=31536000")]
    public void Run_InvalidOrZeroHeader_ReportedAsMissing(string value)
    {
        var result = HstsCheck.Run(HeaderFacts.Good(("Strict-Transport-Security", value)));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.HstsMissing, issue.Code);
        Assert.Contains(value, issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TwoHeaders_OnlyFirstCounts()
    {
        var facts = HeaderFacts.Good(("Strict-Transport-Security", "max-age=300; includeSubDomains"));
        facts = facts with { Headers = new([.. facts.Headers, new("Strict-Transport-Security", "max-age=31536000; includeSubDomains")]) };

        var issue = Assert.Single(HstsCheck.Run(facts).Issues);

        Assert.Equal(HeadersCodes.HstsShortMaxAge, issue.Code);
        Assert.Contains("first of 2 headers", issue.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15551999L, true)]
    [InlineData(86400L, true)]
    [InlineData(15552000L, false)]
    public void Run_MaxAgeAroundSixMonths_ShortOnlyBelowThreshold(long maxAge, bool shortExpected)
    {
        var result = HstsCheck.Run(HeaderFacts.Good(("Strict-Transport-Security", $"max-age={maxAge}; includeSubDomains")));

        Assert.Equal(shortExpected, result.Issues.Any(i => i.Code == HeadersCodes.HstsShortMaxAge && i.Severity == Severity.Medium));
    }

    [Fact]
    public void Run_NoIncludeSubDomains_Low()
    {
        var result = HstsCheck.Run(HeaderFacts.Good(("Strict-Transport-Security", "max-age=31536000")));

        Assert.Equal(Severity.Low, HeaderFacts.Single(result, HeadersCodes.HstsNoIncludeSubDomains).Severity);
        Assert.DoesNotContain(HeadersCodes.HstsShortMaxAge, HeaderFacts.Codes(result));
    }

    [Theory]
    [InlineData("max-age=31536000; preload", true)]
    [InlineData("max-age=15552000; includeSubDomains; preload", true)]
    [InlineData("max-age=31536000; includeSubDomains; preload", false)]
    [InlineData("max-age=300; includeSubDomains", false)]
    public void Run_PreloadRequested_IneligibleNotedAsInfo(string value, bool expected)
    {
        var result = HstsCheck.Run(HeaderFacts.Good(("Strict-Transport-Security", value)));

        var issue = result.Issues.SingleOrDefault(i => i.Code == HeadersCodes.HstsPreloadIneligible);
        Assert.Equal(expected, issue is not null);
        Assert.True(issue is null || issue.Severity == Severity.Info);
    }

    [Fact]
    public void Run_HttpFallback_NotApplicableWithHttpsCaveat()
    {
        var facts = HeaderFacts.Good(("Strict-Transport-Security", null)) with
        {
            Source = HeaderSource.Http,
            RequestedUrl = new Uri("http://shop.example.com/"),
            FinalUrl = new Uri("http://shop.example.com/"),
            HttpsError = "https://shop.example.com/ failed: Connection refused",
        };

        var result = HstsCheck.Run(facts);

        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.HttpsUnavailable, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
        Assert.Contains("https://shop.example.com/ failed: Connection refused", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HttpsSite_NoHttpsUnavailableNote()
    {
        Assert.DoesNotContain(HeadersCodes.HttpsUnavailable, HeaderFacts.Codes(HstsCheck.Run(HeaderFacts.Good())));
    }

    [Fact]
    public void Run_HttpsRedirectsToHttp_MissingEvenWithHeader()
    {
        var facts = HeaderFacts.Good() with { FinalUrl = new Uri("http://shop.example.com/") };

        var issue = HeaderFacts.Single(HstsCheck.Run(facts), HeadersCodes.HstsMissing);

        Assert.Contains("plain HTTP", issue.Evidence, StringComparison.Ordinal);
    }
}
