using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Scanning.Modules.Ssl.Checks;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using static ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks.SslFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks;

public sealed class ProtocolCheckTests
{
    private static List<(string Code, Severity Severity)> Run(ProtocolScan scan) =>
        [.. ProtocolCheck.Run(scan).Select(i => (i.Code, i.Severity))];

    [Fact]
    public void Run_Tls12And13Only_NoIssue() => Assert.Empty(Run(ModernScan()));

    [Fact]
    public void Run_Ssl3Accepted_Critical() =>
        Assert.Contains((SslCodes.Ssl3Enabled, Severity.Critical), Run(Scan(Accepted(TlsVersion.Ssl30, 0x000A), Accepted(TlsVersion.Tls13, 0x1301))));

    [Fact]
    public void Run_Tls10And11Accepted_TwoHighIssues()
    {
        var issues = Run(Scan(Accepted(TlsVersion.Tls10, 0xC013), Accepted(TlsVersion.Tls11, 0xC013), Accepted(TlsVersion.Tls12, 0xC02F), Accepted(TlsVersion.Tls13, 0x1301)));
        Assert.Equal([(SslCodes.Tls10Enabled, Severity.High), (SslCodes.Tls11Enabled, Severity.High)], issues);
    }

    [Fact]
    public void Run_Tls13Refused_Low() =>
        Assert.Equal([(SslCodes.Tls13Missing, Severity.Low)], Run(Scan(Accepted(TlsVersion.Tls12, 0xC02F))));

    [Fact]
    public void Run_Tls13NotTested_NoTls13Issue() =>
        Assert.Empty(Run(Scan(Accepted(TlsVersion.Tls12, 0xC02F), Untested(TlsVersion.Tls13))));

    [Fact]
    public void Run_Tls10NotTested_NoTls10Issue() =>
        Assert.Empty(Run(Scan(Untested(TlsVersion.Tls10), Accepted(TlsVersion.Tls12, 0xC02F), Accepted(TlsVersion.Tls13, 0x1301))));

    [Fact]
    public void Run_Tls13Only_InfoTls12Missing() =>
        Assert.Equal([(SslCodes.Tls12Missing, Severity.Info)], Run(Scan(Accepted(TlsVersion.Tls13, 0x1301))));

    [Fact]
    public void Run_Tls10Accepted_EvidenceNamesVersionAndSuite() =>
        Assert.Contains("TLSv1.0 ServerHello choosing TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            ProtocolCheck.Run(Scan(Accepted(TlsVersion.Tls10, 0xC013), Accepted(TlsVersion.Tls12, 0xC02F), Accepted(TlsVersion.Tls13, 0x1301))).Single().Evidence, StringComparison.Ordinal);
}
