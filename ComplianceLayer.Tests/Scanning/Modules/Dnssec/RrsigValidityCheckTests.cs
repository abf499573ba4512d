using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Dnssec;
using ComplianceLayer.Scanning.Modules.Dnssec.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Dnssec.DnssecFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Dnssec;

public sealed class RrsigValidityCheckTests
{
    [Fact]
    public void Run_AllSignaturesInWindow_ReportsNothing() => Assert.Empty(RrsigValidityCheck.Run(Secure()));

    [Fact]
    public void Run_SoaSignatureExpired_ReportsExpiredHighForSoa()
    {
        var facts = Secure() with { Rrsets = [ValidRrset("DNSKEY"), Rrset("SOA", Sig("SOA", Now.AddDays(-30), Now.AddSeconds(-1)))] };
        var issue = Assert.Single(RrsigValidityCheck.Run(facts));
        Assert.Equal(DnssecCodes.RrsigExpired, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
        Assert.Equal("dnssec.rrsig.expired:SOA", issue.Fingerprint);
    }

    [Fact]
    public void Run_ExpirationExactlyNow_IsStillValid()
    {
        var facts = Secure() with { Rrsets = [Rrset("SOA", Sig("SOA", Now.AddDays(-30), Now))] };
        Assert.Empty(RrsigValidityCheck.Run(facts));
    }

    [Fact]
    public void Run_OneExpiredOneValidSignature_ReportsNothing()
    {
        var facts = Secure() with { Rrsets = [Rrset("DNSKEY", Sig("DNSKEY", Now.AddDays(-30), Now.AddDays(-1)), Sig("DNSKEY", Now.AddDays(-1), Now.AddDays(9)))] };
        Assert.Empty(RrsigValidityCheck.Run(facts));
    }

    [Fact]
    public void Run_InceptionInFuture_ReportsNotYetValid()
    {
        var facts = Secure() with { Rrsets = [Rrset("A", Sig("A", Now.AddHours(2), Now.AddDays(9)))] };
        var issue = Assert.Single(RrsigValidityCheck.Run(facts));
        Assert.Equal(DnssecCodes.RrsigNotYetValid, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
    }

    [Fact]
    public void Run_OneRrsetUnsignedOthersSigned_ReportsMissingForIt()
    {
        var facts = Secure() with { Rrsets = [ValidRrset("DNSKEY"), Rrset("SOA")] };
        var issue = Assert.Single(RrsigValidityCheck.Run(facts));
        Assert.Equal(DnssecCodes.RrsigMissing, issue.Code);
        Assert.Equal("dnssec.rrsig.missing:SOA", issue.Fingerprint);
    }

    [Fact]
    public void Run_NoRrsigReturnedAtAll_ReportsNotReturnedInfoOnly()
    {
        var facts = Secure() with { Rrsets = [Rrset("DNSKEY"), Rrset("SOA")] };
        var issue = Assert.Single(RrsigValidityCheck.Run(facts));
        Assert.Equal(DnssecCodes.RrsigNotReturned, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
    }

    [Fact]
    public void Run_ExpiredSignaturesWithoutDs_ReportsNothing()
    {
        // Without a DS validators never look at the signatures; the missing DS is the finding.
        var facts = Facts(keys: [Key()], rrsets: [Rrset("SOA", Sig("SOA", Now.AddDays(-30), Now.AddDays(-1)))]);
        Assert.Empty(RrsigValidityCheck.Run(facts));
    }
}
