using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Headers;
using ComplianceLayer.Scanning.Modules.Headers.Checks;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

public sealed class SimpleHeaderChecksTests
{
    [Theory]
    [InlineData("nosniff", false)]
    [InlineData("NoSniff", false)]
    [InlineData("nosniff, nosniff", false)]
    [InlineData(null, true)]
    [InlineData("sniff", true)]
    [InlineData("", true)]
    public void ContentTypeOptions_NotNosniff_Low(string? value, bool expected)
    {
        var result = ContentTypeOptionsCheck.Run(HeaderFacts.Good(("X-Content-Type-Options", value)));

        Assert.Equal(expected, result.Issues.Any(i => i.Code == HeadersCodes.ContentTypeOptionsMissing && i.Severity == Severity.Low));
        Assert.Equal(expected ? CheckStatus.Fail : CheckStatus.Pass, result.Status);
    }

    [Theory]
    [InlineData("no-referrer")]
    [InlineData("same-origin")]
    [InlineData("strict-origin")]
    [InlineData("unsafe-url, strict-origin-when-cross-origin")]
    [InlineData("strict-origin-when-cross-origin, not-a-policy")]
    public void ReferrerPolicy_SafePolicy_Passes(string value)
    {
        Assert.Empty(ReferrerPolicyCheck.Run(HeaderFacts.Good(("Referrer-Policy", value))).Issues);
    }

    [Theory]
    [InlineData("unsafe-url")]
    [InlineData("no-referrer-when-downgrade")]
    [InlineData("origin")]
    [InlineData("origin-when-cross-origin")]
    [InlineData("no-referrer, UNSAFE-URL")]
    public void ReferrerPolicy_LeakyPolicy_Low(string value)
    {
        var issue = Assert.Single(ReferrerPolicyCheck.Run(HeaderFacts.Good(("Referrer-Policy", value))).Issues);

        Assert.Equal(HeadersCodes.ReferrerPolicyUnsafe, issue.Code);
        Assert.Equal(Severity.Low, issue.Severity);
        Assert.Equal($"Referrer-Policy: {value}", issue.Evidence);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bogus")]
    public void ReferrerPolicy_MissingOrUnrecognised_InfoOnly(string? value)
    {
        var result = ReferrerPolicyCheck.Run(HeaderFacts.Good(("Referrer-Policy", value)));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.ReferrerPolicyMissing, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void ReferrerPolicy_MetaOverridesHeader_MetaWins()
    {
        var facts = HeaderFacts.Good(("Referrer-Policy", "no-referrer")) with
        {
            Body = "<html><head><meta name=\"referrer\" content=\"always\"></head></html>",
        };

        var issue = Assert.Single(ReferrerPolicyCheck.Run(facts).Issues);

        Assert.Equal(HeadersCodes.ReferrerPolicyUnsafe, issue.Code);
        Assert.Equal("<meta name=\"referrer\" content=\"always\">", issue.Evidence);
        Assert.Equal("unsafe-url", ReferrerPolicyCheck.Effective(facts)?.Policy);
    }

    [Fact]
    public void PermissionsPolicy_Missing_InfoWithLegacyNote()
    {
        var result = PermissionsPolicyCheck.Run(HeaderFacts.Good(("Permissions-Policy", null), ("Feature-Policy", "camera 'none'")));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.PermissionsPolicyMissing, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
        Assert.Contains("Feature-Policy: camera 'none'", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void PermissionsPolicy_Present_Passes()
    {
        Assert.Empty(PermissionsPolicyCheck.Run(HeaderFacts.Good()).Issues);
    }

    [Theory]
    [InlineData("Server", "nginx/1.18.0", "server")]
    [InlineData("Server", "Apache/2.4.41 (Ubuntu)", "server")]
    [InlineData("Server", "Microsoft-IIS/10.0", "server")]
    [InlineData("X-Powered-By", "PHP/7.4.3", "x-powered-by")]
    [InlineData("X-AspNet-Version", "4.0.30319", "x-aspnet-version")]
    public void VersionDisclosure_VersionInHeader_InfoPerHeader(string header, string value, string subject)
    {
        var result = VersionDisclosureCheck.Run(HeaderFacts.Good((header, value)));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.VersionDisclosed, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
        Assert.Equal($"{HeadersCodes.VersionDisclosed}:{subject}", issue.Fingerprint);
        Assert.Equal($"{header}: {value}", issue.Evidence);
    }

    [Theory]
    [InlineData("Server", "nginx")]
    [InlineData("Server", "cloudflare")]
    [InlineData("X-Powered-By", "Express")]
    public void VersionDisclosure_ProductOnly_NoIssue(string header, string value)
    {
        Assert.Empty(VersionDisclosureCheck.Run(HeaderFacts.Good((header, value))).Issues);
    }
}
