using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Headers;
using ComplianceLayer.Scanning.Modules.Headers.Checks;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

public sealed class FramingCheckTests
{
    [Theory]
    [InlineData("DENY", null)]
    [InlineData("sameorigin", null)]
    [InlineData(null, "frame-ancestors 'self'")]
    [InlineData("ALLOW-FROM https://partner.example.net", "frame-ancestors https://partner.example.net")]
    [InlineData("DENY, ALLOWALL", null)]
    [InlineData(null, "frame-ancestors *, frame-ancestors 'none'")]
    public void Run_XfoOrFrameAncestors_Passes(string? xfo, string? csp)
    {
        var facts = HeaderFacts.Good(("X-Frame-Options", xfo), ("Content-Security-Policy", csp));

        Assert.Empty(FramingCheck.Run(facts).Issues);
    }

    [Theory]
    [InlineData(null, null, "no X-Frame-Options header; no frame-ancestors")]
    [InlineData("ALLOW-FROM https://partner.example.net", null, "X-Frame-Options: ALLOW-FROM https://partner.example.net (only DENY and SAMEORIGIN")]
    [InlineData("ALLOW-FROM https://a.example.net, ALLOW-FROM https://b.example.net", null, "X-Frame-Options: ALLOW-FROM")]
    [InlineData(null, "default-src 'self'; frame-ancestors *", "frame-ancestors * allows any origin")]
    [InlineData("DENY", "frame-ancestors https:", "X-Frame-Options: DENY is ignored when frame-ancestors is present")]
    public void Run_NoProtection_Low(string? xfo, string? csp, string evidence)
    {
        var facts = HeaderFacts.Good(("X-Frame-Options", xfo), ("Content-Security-Policy", csp));

        var issue = Assert.Single(FramingCheck.Run(facts).Issues);

        Assert.Equal(HeadersCodes.FramingMissing, issue.Code);
        Assert.Equal(Severity.Low, issue.Severity);
        Assert.Contains(evidence, issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FrameAncestorsOnlyInMeta_NotProtected()
    {
        var facts = HeaderFacts.Good(("X-Frame-Options", null), ("Content-Security-Policy", null)) with
        {
            Body = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"frame-ancestors 'none'\"></head>",
        };

        var issue = Assert.Single(FramingCheck.Run(facts).Issues);

        Assert.Contains("frame-ancestors in <meta> is ignored", issue.Evidence, StringComparison.Ordinal);
    }
}
