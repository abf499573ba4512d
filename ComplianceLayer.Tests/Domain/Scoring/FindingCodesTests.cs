using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Tests.Domain.Scoring;

public sealed class FindingCodesTests
{
    [Theory]
    [InlineData("ssl.cert.expired")]
    [InlineData("ssl.protocol.tls10_enabled")]
    [InlineData("dns_email.dmarc.missing")]
    [InlineData("ports.exposed.rdp")]
    public void IsValid_LowerCaseDottedCode_True(string code) => Assert.True(FindingCodes.IsValid(code));

    [Theory]
    [InlineData("")]
    [InlineData("ssl")]
    [InlineData("SSL.cert.expired")]
    [InlineData("ssl..expired")]
    [InlineData("ssl.cert.")]
    [InlineData(".ssl.cert")]
    [InlineData("1ssl.cert")]
    [InlineData("ssl.cert expired")]
    [InlineData("ssl.cert-expired")]
    [InlineData("ports.exposed.rdp:3389")]
    [InlineData("ssl.cert.expired\n")]
    public void IsValid_MalformedCode_False(string code) => Assert.False(FindingCodes.IsValid(code));

    [Fact]
    public void Fingerprint_WithSubject_IsCodeColonSubject() =>
        Assert.Equal("ports.exposed.rdp:3389", FindingCodes.Fingerprint("ports.exposed.rdp", " 3389 "));

    [Fact]
    public void Fingerprint_WithoutSubject_IsTheCode() =>
        Assert.Equal("ssl.cert.expired", FindingCodes.Fingerprint("ssl.cert.expired"));

    [Theory]
    [InlineData("  ")]
    [InlineData("session\nid")]
    public void Fingerprint_BlankOrControlCharacterSubject_Throws(string subject) =>
        Assert.Throws<ArgumentException>(() => FindingCodes.Fingerprint("cookies.missing_secure", subject));

    [Fact]
    public void CodeOf_FingerprintWithIpv6Subject_ReturnsCode() =>
        Assert.Equal("dns_email.mx.no_starttls", FindingCodes.CodeOf("dns_email.mx.no_starttls:2001:db8::25"));

    [Fact]
    public void Issue_InvalidCode_Throws() =>
        Assert.Throws<ArgumentException>(() => ScoringTestData.Issue(ModuleKeys.Ssl, "SSL.Expired", Severity.High));

    [Fact]
    public void Issue_UnknownModule_Throws() =>
        Assert.Throws<ArgumentException>(() => ScoringTestData.Issue("tls", "tls.cert.expired", Severity.High));

    [Fact]
    public void Issue_BlankEvidence_Throws() =>
        Assert.Throws<ArgumentException>(() => new Issue(ModuleKeys.Ssl, "ssl.cert.expired", Severity.Critical, "Expired", "Renew", evidence: " "));

    [Fact]
    public void Issue_WithSubject_BuildsFingerprint()
    {
        var issue = ScoringTestData.Issue(ModuleKeys.Cookies, "cookies.missing_secure", Severity.Medium, subject: "sessionid");
        Assert.Equal("cookies.missing_secure:sessionid", issue.Fingerprint);
        Assert.Equal("cookies.missing_secure", issue.Code);
    }
}
