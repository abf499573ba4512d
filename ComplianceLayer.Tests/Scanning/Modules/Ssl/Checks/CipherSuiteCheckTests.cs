using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Scanning.Modules.Ssl.Checks;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using static ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks.SslFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks;

public sealed class CipherSuiteCheckTests
{
    private static List<(string Code, Severity Severity)> Run(ProtocolScan scan) =>
        [.. CipherSuiteCheck.Run(scan).Select(i => (i.Code, i.Severity))];

    [Fact]
    public void Run_ModernSuites_NoIssue() => Assert.Empty(Run(ModernScan()));

    [Theory]
    [InlineData((ushort)0x0005, SslCodes.CipherRc4, Severity.High)]
    [InlineData((ushort)0xC011, SslCodes.CipherRc4, Severity.High)]
    [InlineData((ushort)0x000A, SslCodes.Cipher3Des, Severity.High)]
    [InlineData((ushort)0xC012, SslCodes.Cipher3Des, Severity.High)]
    [InlineData((ushort)0x0009, SslCodes.CipherDes, Severity.Critical)]
    [InlineData((ushort)0x0003, SslCodes.CipherExport, Severity.Critical)]
    [InlineData((ushort)0x0014, SslCodes.CipherExport, Severity.Critical)]
    [InlineData((ushort)0x0002, SslCodes.CipherNull, Severity.Critical)]
    [InlineData((ushort)0xC010, SslCodes.CipherNull, Severity.Critical)]
    [InlineData((ushort)0x00A6, SslCodes.CipherAnon, Severity.Critical)]
    [InlineData((ushort)0x0017, SslCodes.CipherExport, Severity.Critical)]
    public void Run_WeakSuiteNextToModernOnes_OneIssueForItsWorstCategory(ushort suite, string code, Severity severity)
    {
        var issues = Run(Scan(Accepted(TlsVersion.Tls12, 0xC02F, suite), Accepted(TlsVersion.Tls13, 0x1301)));
        Assert.Equal((code, severity), issues[0]);
        Assert.DoesNotContain(issues.Skip(1), i => i.Severity <= Severity.High);
    }

    [Fact]
    public void Run_Rc4_EvidenceNamesVersionAndIanaName()
    {
        var issue = CipherSuiteCheck.Run(Scan(Accepted(TlsVersion.Tls12, 0xC02F, 0x0005), Accepted(TlsVersion.Tls13, 0x1301))).First();
        Assert.Equal("TLSv1.2: TLS_RSA_WITH_RC4_128_SHA", issue.Evidence);
    }

    [Fact]
    public void Run_RsaKeyExchangeCbcOnlyTls12_CbcOnlyAndNoForwardSecrecy()
    {
        var issues = Run(Scan(Accepted(TlsVersion.Tls12, 0x002F)));
        Assert.Contains((SslCodes.CipherCbcOnly, Severity.Medium), issues);
        Assert.Contains((SslCodes.CipherNoForwardSecrecy, Severity.Medium), issues);
        Assert.Contains((SslCodes.CipherNcscInsufficient, Severity.Low), issues);
    }

    [Fact]
    public void Run_RsaOnlyTls12ButTls13_NoForwardSecrecyIssueAbsent()
    {
        var issues = Run(Scan(Accepted(TlsVersion.Tls12, 0x009C), Accepted(TlsVersion.Tls13, 0x1301)));
        Assert.DoesNotContain(issues, i => i.Code == SslCodes.CipherNoForwardSecrecy);
        Assert.DoesNotContain(issues, i => i.Code == SslCodes.CipherCbcOnly);
    }

    [Fact]
    public void Run_RsaOnlyTls12AndTls13Untested_NoForwardSecrecyNotClaimed() =>
        Assert.DoesNotContain(Run(Scan(Accepted(TlsVersion.Tls12, 0x002F), Untested(TlsVersion.Tls13))), i => i.Code == SslCodes.CipherNoForwardSecrecy);

    [Fact]
    public void Run_CbcOnlyButEnumerationIncomplete_NoCbcOnlyIssue()
    {
        var partial = Accepted(TlsVersion.Tls12, 0xC013) with { SuitesComplete = false, SuitesNote = "stopped" };
        Assert.DoesNotContain(Run(Scan(partial)), i => i.Code == SslCodes.CipherCbcOnly);
    }

    [Fact]
    public void Run_EcdheCbcSha1_OnlyNcscInsufficientLow() =>
        Assert.Equal([(SslCodes.CipherNcscInsufficient, Severity.Low)], Run(Scan(Accepted(TlsVersion.Tls12, 0xC02F, 0xC013), Accepted(TlsVersion.Tls13, 0x1301))));

    [Fact]
    public void Run_PhaseOutSuite_NoIssue() =>
        Assert.Empty(Run(Scan(Accepted(TlsVersion.Tls12, 0xC02F, 0xC027, 0x009E), Accepted(TlsVersion.Tls13, 0x1301))));
}
