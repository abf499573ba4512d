using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Headers;
using ComplianceLayer.Scanning.Modules.Headers.Checks;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

public sealed class CspCheckTests
{
    private const string Csp = "Content-Security-Policy";

    [Theory]
    [InlineData("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'")]
    [InlineData("default-src 'none'; base-uri 'self'")]
    [InlineData("script-src 'nonce-abc' 'unsafe-inline' 'strict-dynamic' https: http:; object-src 'none'; base-uri 'none'")]
    [InlineData("script-src 'sha256-AAAA' 'unsafe-inline'; object-src 'none'; base-uri 'none'")]
    [InlineData("script-src 'unsafe-inline' 'strict-dynamic' https:; object-src 'none'; base-uri 'none'")]
    [InlineData("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:; object-src 'none'; base-uri 'none'")]
    [InlineData("DEFAULT-SRC 'self'; Object-Src 'none'; base-uri 'none'; script-src 'self' 'wasm-unsafe-eval'")]
    public void Run_StrongPolicy_Passes(string policy)
    {
        var result = CspCheck.Run(HeaderFacts.Good((Csp, policy)));

        Assert.Empty(result.Issues);
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Run_NoPolicy_MissingMedium()
    {
        var issue = Assert.Single(CspCheck.Run(HeaderFacts.Good((Csp, null))).Issues);

        Assert.Equal(HeadersCodes.CspMissing, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
        Assert.Contains("no Content-Security-Policy header", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PolicyWithoutDirectives_Missing()
    {
        var issue = Assert.Single(CspCheck.Run(HeaderFacts.Good((Csp, " ; ;"))).Issues);

        Assert.Equal(HeadersCodes.CspMissing, issue.Code);
        Assert.Contains("no directives", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ReportOnlyOnly_ReportOnlyInsteadOfMissing()
    {
        var facts = HeaderFacts.Good((Csp, null), ("Content-Security-Policy-Report-Only", "default-src 'self'; report-uri /csp"));

        var issue = Assert.Single(CspCheck.Run(facts).Issues);

        Assert.Equal(HeadersCodes.CspReportOnly, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
        Assert.StartsWith("Content-Security-Policy-Report-Only: default-src 'self'", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ReportOnlyBesideEnforced_NoReportOnlyIssue()
    {
        var facts = HeaderFacts.Good(("Content-Security-Policy-Report-Only", "default-src 'none'"));

        Assert.Empty(CspCheck.Run(facts).Issues);
    }

    [Theory]
    [InlineData("default-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'", "default-src 'self' 'unsafe-inline'")]
    [InlineData("default-src 'self'; script-src 'self' 'UNSAFE-INLINE'; object-src 'none'; base-uri 'none'", "script-src 'self' 'UNSAFE-INLINE'")]
    public void Run_UnsafeInlineWithoutNonce_Medium(string policy, string evidence)
    {
        var issue = HeaderFacts.Single(CspCheck.Run(HeaderFacts.Good((Csp, policy))), HeadersCodes.CspUnsafeInline);

        Assert.Equal(Severity.Medium, issue.Severity);
        Assert.Equal($"Content-Security-Policy: {evidence}", issue.Evidence);
    }

    [Fact]
    public void Run_UnsafeEval_Medium()
    {
        var result = CspCheck.Run(HeaderFacts.Good((Csp, "default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'")));

        Assert.Equal([HeadersCodes.CspUnsafeEval], HeaderFacts.Codes(result));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https:")]
    [InlineData("http:")]
    [InlineData("data:")]
    [InlineData("https://*")]
    [InlineData("'nonce-abc' data:")]
    public void Run_BroadScriptSource_Medium(string source)
    {
        var result = CspCheck.Run(HeaderFacts.Good((Csp, $"script-src 'self' {source}; object-src 'none'; base-uri 'none'")));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.CspBroadScriptSource, issue.Code);
        Assert.Contains($"({source.Split(' ')[^1]})", issue.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://cdn.example.net")]
    [InlineData("*.example.net")]
    [InlineData("'self'")]
    public void Run_HostSource_NotBroad(string source)
    {
        var result = CspCheck.Run(HeaderFacts.Good((Csp, $"script-src {source}; object-src 'none'; base-uri 'none'")));

        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Run_NoScriptOrDefaultSrc_ScriptsUnrestrictedOnlyForScripts()
    {
        var result = CspCheck.Run(HeaderFacts.Good((Csp, "frame-ancestors 'none'; object-src 'none'; base-uri 'none'")));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(HeadersCodes.CspScriptsUnrestricted, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
    }

    [Theory]
    [InlineData("script-src 'self'; base-uri 'none'", true)]
    [InlineData("default-src *; script-src 'self'; base-uri 'none'", true)]
    [InlineData("default-src 'self'; object-src https:; base-uri 'none'", true)]
    [InlineData("default-src 'self'; base-uri 'none'", false)]
    [InlineData("script-src 'self'; object-src 'none'; base-uri 'none'", false)]
    public void Run_ObjectSrc_UnrestrictedWhenMissingOrBroad(string policy, bool expected)
    {
        var result = CspCheck.Run(HeaderFacts.Good((Csp, policy)));

        Assert.Equal(expected, HeaderFacts.Codes(result).Contains(HeadersCodes.CspObjectSrcUnrestricted));
    }

    [Theory]
    [InlineData("default-src 'none'", true)]
    [InlineData("default-src 'self'; base-uri *", true)]
    [InlineData("default-src 'self'; base-uri 'self'", false)]
    public void Run_BaseUri_LowWhenMissing(string policy, bool expected)
    {
        var result = CspCheck.Run(HeaderFacts.Good((Csp, policy)));

        var issue = result.Issues.SingleOrDefault(i => i.Code == HeadersCodes.CspBaseUriMissing);
        Assert.Equal(expected, issue is not null);
        Assert.True(issue is null || issue.Severity == Severity.Low);
    }

    [Fact]
    public void Run_SecondStricterPolicy_ClosesWeakness()
    {
        var facts = HeaderFacts.Good((Csp, "script-src * 'unsafe-inline', script-src 'self'; object-src 'none'; base-uri 'none'"));

        Assert.Empty(CspCheck.Run(facts).Issues);
    }

    [Fact]
    public void Run_BothPoliciesWeak_WeaknessReported()
    {
        var facts = HeaderFacts.Good((Csp, "script-src 'unsafe-inline'; object-src 'none'; base-uri 'none', default-src 'unsafe-inline'"));

        Assert.Equal([HeadersCodes.CspUnsafeInline], HeaderFacts.Codes(CspCheck.Run(facts)));
    }

    [Fact]
    public void Run_MetaPolicyOnly_CountsAsPolicy()
    {
        var facts = HeaderFacts.Good((Csp, null)) with
        {
            Body = "<html><head><META HTTP-EQUIV='content-security-policy' CONTENT=\"default-src 'self'; base-uri 'none'\"></head><body></body></html>",
        };

        var result = CspCheck.Run(facts);

        Assert.Empty(result.Issues);
        Assert.Equal(CspOrigin.Meta, Assert.Single(CspCheck.EnforcedPolicies(facts)).Origin);
    }

    [Fact]
    public void Run_MetaPolicyInBody_Ignored()
    {
        var facts = HeaderFacts.Good((Csp, null)) with
        {
            Body = "<html><head></head><body><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\"></body></html>",
        };

        Assert.Equal([HeadersCodes.CspMissing], HeaderFacts.Codes(CspCheck.Run(facts)));
    }

    [Fact]
    public void Run_MetaPolicyWeak_EvidenceNamesMeta()
    {
        var facts = HeaderFacts.Good((Csp, null)) with
        {
            Body = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self' &#39;unsafe-inline&#39;; base-uri 'none'\"></head>",
        };

        var issue = HeaderFacts.Single(CspCheck.Run(facts), HeadersCodes.CspUnsafeInline);

        Assert.Equal("<meta http-equiv=\"Content-Security-Policy\"> default-src 'self' 'unsafe-inline'", issue.Evidence);
    }

    [Fact]
    public void Parse_MetaPolicy_DropsFrameAncestorsAndDuplicateDirectives()
    {
        var policy = ContentSecurityPolicy.Parse("frame-ancestors 'none'; script-src 'self'; script-src *; report-uri /r", CspOrigin.Meta);

        Assert.Equal(["script-src"], policy.Directives.Keys);
        Assert.Equal(["'self'"], policy.Get("script-src"));
    }
}
