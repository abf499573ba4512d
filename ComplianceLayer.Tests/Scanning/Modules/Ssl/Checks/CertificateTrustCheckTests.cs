using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Scanning.Modules.Ssl.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks.SslFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks;

public sealed class CertificateTrustCheckTests
{
    private static List<string> Codes(CertificateFacts facts) => [.. CertificateTrustCheck.Run(facts).Select(i => i.Code)];

    [Fact]
    public void Run_TrustedCompleteMatchingChain_NoIssue() =>
        Assert.Empty(Codes(Certificate()));

    [Fact]
    public void Run_SelfSignedLeaf_SelfSignedOnly()
    {
        var leaf = Leaf(issuer: "CN=shop.example.com");
        var facts = new CertificateFacts(Host, leaf, [leaf], [leaf], [Status(X509ChainStatusFlags.UntrustedRoot)], false, true);
        var issue = Assert.Single(CertificateTrustCheck.Run(facts));
        Assert.Equal(SslCodes.CertSelfSigned, issue.Code);
        Assert.Equal(Severity.Critical, issue.Severity);
        Assert.Contains("UntrustedRoot", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SelfSignedLeafThatIsTrusted_NoIssue()
    {
        var leaf = Leaf(issuer: "CN=shop.example.com");
        Assert.Empty(Codes(new CertificateFacts(Host, leaf, [leaf], [leaf], [], true, true)));
    }

    [Fact]
    public void Run_PrivateCaChainSent_Untrusted()
    {
        var facts = Certificate(trusted: false, status: Status(X509ChainStatusFlags.UntrustedRoot));
        var issue = Assert.Single(CertificateTrustCheck.Run(facts));
        Assert.Equal(SslCodes.CertUntrusted, issue.Code);
        Assert.Equal(Severity.Critical, issue.Severity);
    }

    [Fact]
    public void Run_ExpiredButOtherwiseTrusted_NotUntrusted() =>
        Assert.Empty(Codes(Certificate(trusted: false, status: Status(X509ChainStatusFlags.NotTimeValid))));

    [Fact]
    public void Run_IntermediateNotSent_IncompleteChainNotUntrusted()
    {
        var leaf = Leaf();
        var facts = new CertificateFacts(Host, leaf, [leaf], [leaf], [Status(X509ChainStatusFlags.PartialChain)], false, true);
        var issue = Assert.Single(CertificateTrustCheck.Run(facts));
        Assert.Equal(SslCodes.CertIncompleteChain, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
    }

    [Fact]
    public void Run_LeafIssuedDirectlyByTrustedRoot_Complete()
    {
        var leaf = Leaf(issuer: "CN=Example Root CA");
        Assert.Empty(Codes(new CertificateFacts(Host, leaf, [leaf], [leaf, Root()], [], true, true)));
    }

    [Fact]
    public void Run_HostnameMismatch_CriticalWithSans()
    {
        var issue = Assert.Single(CertificateTrustCheck.Run(Certificate(hostnameMatches: false)));
        Assert.Equal(SslCodes.CertHostnameMismatch, issue.Code);
        Assert.Equal(Severity.Critical, issue.Severity);
        Assert.Contains("subjectAltName: shop.example.com", issue.Evidence, StringComparison.Ordinal);
    }
}
