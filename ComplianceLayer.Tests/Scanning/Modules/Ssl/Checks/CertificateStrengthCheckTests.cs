using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Scanning.Modules.Ssl.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks.SslFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks;

public sealed class CertificateStrengthCheckTests
{
    [Theory]
    [InlineData("RSA", 1024, true)]
    [InlineData("RSA", 2047, true)]
    [InlineData("RSA", 2048, false)]
    [InlineData("RSA", 4096, false)]
    [InlineData("EC", 224, true)]
    [InlineData("EC", 256, false)]
    [InlineData("EC", 384, false)]
    [InlineData("DSA", 1024, true)]
    [InlineData("Ed25519", 256, false)]
    public void Run_KeySizes_WeakKeyOnlyBelowMinimum(string algorithm, int size, bool weak)
    {
        var issues = CertificateStrengthCheck.Run(Certificate(Leaf(key: algorithm, size: size))).ToList();
        Assert.Equal(weak, issues.Any(i => i.Code == SslCodes.CertWeakKey));
        if (weak)
        {
            Assert.Equal(Severity.High, issues.Single().Severity);
            Assert.Contains($"{algorithm}-{size}", issues.Single().Evidence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_Sha1SignedLeaf_HighWeakSignature()
    {
        var issue = Assert.Single(CertificateStrengthCheck.Run(Certificate(Leaf(signature: "sha1RSA"))));
        Assert.Equal(SslCodes.CertWeakSignature, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
        Assert.Contains("CN=shop.example.com: sha1RSA", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Md5SignedLeaf_Critical() =>
        Assert.Equal(Severity.Critical, Assert.Single(CertificateStrengthCheck.Run(Certificate(Leaf(signature: "md5RSA")))).Severity);

    [Fact]
    public void Run_Sha1SignedIntermediateSent_WeakSignature()
    {
        var leaf = Leaf();
        var facts = new CertificateFacts(Host, leaf, [leaf, Intermediate("sha1RSA")], [], [], true, true);
        Assert.Contains("CN=Example Intermediate CA: sha1RSA", Assert.Single(CertificateStrengthCheck.Run(facts)).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Sha1SignedRootSentOrInStore_NoIssue()
    {
        var leaf = Leaf();
        var facts = new CertificateFacts(Host, leaf, [leaf, Intermediate(), Root()], [leaf, Intermediate(), Root()], [], true, true);
        Assert.Empty(CertificateStrengthCheck.Run(facts));
    }
}
