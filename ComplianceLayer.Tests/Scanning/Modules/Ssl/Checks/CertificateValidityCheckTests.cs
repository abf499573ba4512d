using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl;
using ComplianceLayer.Scanning.Modules.Ssl.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks.SslFactsBuilder;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Checks;

public sealed class CertificateValidityCheckTests
{
    private static List<Issue> Run(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        [.. CertificateValidityCheck.Run(Certificate(Leaf(notBefore, notAfter)), Now)];

    [Fact]
    public void Run_ValidWithMostOfLifetimeLeft_NoIssue() =>
        Assert.Empty(Run(Now.AddDays(-30), Now.AddDays(60)));

    [Fact]
    public void Run_ExpiredYesterday_Critical()
    {
        var issue = Assert.Single(Run(Now.AddDays(-91), Now.AddDays(-1)));
        Assert.Equal(SslCodes.CertExpired, issue.Code);
        Assert.Equal(Severity.Critical, issue.Severity);
        Assert.Contains("notAfter=2026-05-31T12:00:00Z", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OneSecondAfterNotAfter_Expired() =>
        Assert.Equal(SslCodes.CertExpired, Assert.Single(Run(Now.AddDays(-90), Now.AddSeconds(-1))).Code);

    [Fact]
    public void Run_ExactlyAtNotAfter_NotExpiredButUrgent() =>
        Assert.Equal((SslCodes.CertExpiringSoon, Severity.High), (Assert.Single(Run(Now.AddDays(-90), Now)).Code, Assert.Single(Run(Now.AddDays(-90), Now)).Severity));

    [Fact]
    public void Run_NotBeforeTomorrow_NotYetValidCritical()
    {
        var issue = Assert.Single(Run(Now.AddDays(1), Now.AddDays(91)));
        Assert.Equal(SslCodes.CertNotYetValid, issue.Code);
        Assert.Equal(Severity.Critical, issue.Severity);
    }

    [Fact]
    public void Run_NinetyDayCertWithTenDaysLeft_MediumExpiringSoon()
    {
        var issue = Assert.Single(Run(Now.AddDays(-80), Now.AddDays(10)));
        Assert.Equal(SslCodes.CertExpiringSoon, issue.Code);
        Assert.Equal(Severity.Medium, issue.Severity);
    }

    [Fact]
    public void Run_FiveDaysLeft_HighExpiringSoon()
    {
        var issue = Assert.Single(Run(Now.AddDays(-85), Now.AddDays(5)));
        Assert.Equal(SslCodes.CertExpiringSoon, issue.Code);
        Assert.Equal(Severity.High, issue.Severity);
    }

    [Fact]
    public void Run_ExactlyOneThirdLeft_NoIssue() =>
        Assert.Empty(Run(Now.AddDays(-60), Now.AddDays(30)));

    [Fact]
    public void Run_JustUnderOneThirdLeft_Medium() =>
        Assert.Equal(Severity.Medium, Assert.Single(Run(Now.AddDays(-60), Now.AddDays(30).AddSeconds(-1))).Severity);

    [Fact]
    public void Run_ExactlySevenDaysLeftOfLongLifetime_MediumNotHigh() =>
        Assert.Equal(Severity.Medium, Assert.Single(Run(Now.AddDays(-83), Now.AddDays(7))).Severity);

    [Fact]
    public void Run_SevenDaysLeftOfTenDayCert_NoIssue() =>
        Assert.Empty(Run(Now.AddDays(-3), Now.AddDays(7)));

    [Fact]
    public void Run_ThirtyDaysLeftOfYearCert_MediumWhereFixedThirtyDaysWouldAgree() =>
        Assert.Equal(Severity.Medium, Assert.Single(Run(Now.AddDays(-335), Now.AddDays(30))).Severity);

    [Fact]
    public void Run_TwentyDaysLeftOfFortySevenDayCert_NoIssue() =>
        Assert.Empty(Run(Now.AddDays(-27), Now.AddDays(20)));
}
