using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Dnssec;
using ComplianceLayer.Scanning.Modules.Dnssec.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Dnssec.DnssecFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Dnssec;

public sealed class AlgorithmCheckTests
{
    [Fact]
    public void Run_EcdsaWithSha256Ds_ReportsNothing() => Assert.Empty(AlgorithmCheck.Run(Secure()));

    [Fact]
    public void Run_RsaSha256_ReportsNothing() => Assert.Empty(AlgorithmCheck.Run(Secure(Key(8))));

    [Theory]
    [InlineData(5, "RSASHA1")]
    [InlineData(7, "RSASHA1-NSEC3-SHA1")]
    public void Run_Sha1Algorithm_ReportsWeakMedium(byte algorithm, string name)
    {
        var issue = Assert.Single(AlgorithmCheck.Run(Secure(Key(algorithm))));
        Assert.Equal(DnssecCodes.AlgorithmWeak, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
        Assert.Equal($"dnssec.algorithm.weak:{name}", issue.Fingerprint);
    }

    [Fact]
    public void Run_OnlySha1Ds_ReportsSha1OnlyLow()
    {
        var key = Key();
        var issue = Assert.Single(AlgorithmCheck.Run(Facts([DsOf(key, 1)], [key])));
        Assert.Equal(DnssecCodes.DsSha1Only, issue.Code);
        Assert.Equal(Severity.Low, issue.Severity);
    }

    [Fact]
    public void Run_Sha1AndSha256Ds_ReportsNothing()
    {
        var key = Key();
        Assert.Empty(AlgorithmCheck.Run(Facts([DsOf(key, 1), DsOf(key, 2)], [key])));
    }

    [Fact]
    public void Run_NotSigned_ReportsNothing() => Assert.Empty(AlgorithmCheck.Run(Facts()));
}
