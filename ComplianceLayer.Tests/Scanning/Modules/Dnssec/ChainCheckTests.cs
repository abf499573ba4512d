using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Dnssec;
using ComplianceLayer.Scanning.Modules.Dnssec.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Dnssec.DnssecFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Dnssec;

public sealed class ChainCheckTests
{
    [Fact]
    public void Run_NoDsNoDnskey_ReportsNotSignedMedium()
    {
        var issue = Assert.Single(ChainCheck.Run(Facts()));
        Assert.Equal(DnssecCodes.NotSigned, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
    }

    [Fact]
    public void Run_DsMatchesDnskey_ReportsNothing()
    {
        Assert.Empty(ChainCheck.Run(Secure()));
        Assert.Equal(ChainStatus.Secure, ChainCheck.Assess(Secure()).Status);
    }

    [Fact]
    public void Run_DnskeyWithoutDs_ReportsDsMissingMedium()
    {
        var issue = Assert.Single(ChainCheck.Run(Facts(keys: [Key()])));
        Assert.Equal(DnssecCodes.DsMissing, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
    }

    [Fact]
    public void Run_DsForAnotherKey_ReportsNoMatchingDnskeyHigh()
    {
        var published = Key();
        var issue = Assert.Single(ChainCheck.Run(Facts([DsOf(Key())], [published])));
        Assert.Equal(DnssecCodes.DsNoMatchingDnskey, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
    }

    [Fact]
    public void Run_DsWithCorruptedDigest_ReportsNoMatchingDnskey()
    {
        var key = Key();
        var ds = DsOf(key);
        var digest = ds.Digest.ToArray();
        digest[0] ^= 0xFF;
        Assert.Equal(DnssecCodes.DsNoMatchingDnskey, Assert.Single(ChainCheck.Run(Facts([ds with { Digest = digest }], [key]))).Code);
    }

    [Fact]
    public void Run_DsWithoutAnyDnskey_ReportsNoMatchingDnskey()
        => Assert.Equal(DnssecCodes.DsNoMatchingDnskey, Assert.Single(ChainCheck.Run(Facts([DsOf(Key())]))).Code);

    [Fact]
    public void Run_OneStaleDsBesideAMatchingOne_ReportsNothing()
    {
        var key = Key();
        Assert.Empty(ChainCheck.Run(Facts([DsOf(Key()), DsOf(key)], [key])));
    }

    [Fact]
    public void Run_OnlyUnsupportedDigestType_ReportsUnsupportedDigestInfoNotBogus()
    {
        var key = Key();
        var issue = Assert.Single(ChainCheck.Run(Facts([new DsFact(key.KeyTag, 13, 3, new byte[32])], [key])));
        Assert.Equal(DnssecCodes.DsUnsupportedDigest, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
    }

    [Fact]
    public void Run_Sha1DsMatching_ReportsNoChainIssue()
    {
        var key = Key();
        Assert.Empty(ChainCheck.Run(Facts([DsOf(key, 1)], [key])));
    }
}
