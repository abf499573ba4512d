using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Scanning.Modules.Ssl.Checks;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using ComplianceLayer.Scanning.Net;
using static ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks.SslFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks;

public sealed class HttpAndNoHttpsCheckTests
{
    [Fact]
    public void HttpRedirect_EndsOnHttps_NoIssue() =>
        Assert.Empty(HttpRedirectCheck.Run(new HttpRedirectFacts("http://shop.example.com/", "https://shop.example.com/", 200, ["http://shop.example.com/ (301)", "https://shop.example.com/ (200)"], null)));

    [Fact]
    public void HttpRedirect_ServedOverHttp_HighWithChain()
    {
        var issue = Assert.Single(HttpRedirectCheck.Run(new HttpRedirectFacts("http://shop.example.com/", "http://shop.example.com/home", 200, ["http://shop.example.com/ (302)", "http://shop.example.com/home (200)"], null)));
        Assert.Equal(SslCodes.HttpNoRedirect, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
        Assert.Contains("http://shop.example.com/ (302) -> http://shop.example.com/home (200)", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpRedirect_HttpUnreachable_NoIssue() =>
        Assert.Empty(HttpRedirectCheck.Run(new HttpRedirectFacts("http://shop.example.com/", null, null, [], "Connection refused")));

    private static TlsHandshakeResult Handshake(TlsHandshakeOutcome outcome) =>
        new() { Host = Host, Port = 443, Outcome = outcome, Error = outcome.ToString() };

    [Fact]
    public void NoHttps_ConnectionRefused_Absent() =>
        Assert.Equal(HttpsPresence.Absent, NoHttpsCheck.Decide(Handshake(TlsHandshakeOutcome.ConnectionFailed), null));

    [Fact]
    public void NoHttps_Timeout_UnknownNeverAbsent() =>
        Assert.Equal(HttpsPresence.Unknown, NoHttpsCheck.Decide(Handshake(TlsHandshakeOutcome.Timeout), null));

    [Fact]
    public void NoHttps_HandshakeFailedButTls10Accepted_Present() =>
        Assert.Equal(HttpsPresence.Present, NoHttpsCheck.Decide(Handshake(TlsHandshakeOutcome.HandshakeFailed), Scan(Accepted(TlsVersion.Tls10, 0x002F))));

    [Fact]
    public void NoHttps_HandshakeFailedAndEveryVersionRefused_AbsentWithCriticalIssue()
    {
        var handshake = Handshake(TlsHandshakeOutcome.HandshakeFailed);
        Assert.Equal(HttpsPresence.Absent, NoHttpsCheck.Decide(handshake, Scan()));
        var issue = NoHttpsCheck.Issue(handshake, Scan());
        Assert.Equal((SslCodes.NoHttps, Severity.Critical), (issue.Code, issue.Severity));
    }

    [Fact]
    public void NoHttps_HandshakeFailedAndOneVersionUntested_Unknown() =>
        Assert.Equal(HttpsPresence.Unknown, NoHttpsCheck.Decide(Handshake(TlsHandshakeOutcome.HandshakeFailed), Scan(Untested(TlsVersion.Tls12))));
}
