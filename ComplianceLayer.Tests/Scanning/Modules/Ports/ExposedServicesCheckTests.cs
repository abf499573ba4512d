using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ports;
using ComplianceLayer.Scanning.Modules.Ports.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Ports.PortFacts;

namespace ComplianceLayer.Tests.Scanning.Modules.Ports;

public sealed class ExposedServicesCheckTests
{
    public static TheoryData<int, string?, string, Severity> Exposures => new()
    {
        { 21, "220 (vsFTPd 3.0.5)", PortsCodes.Ftp, Severity.Medium },
        { 21, null, PortsCodes.Ftp, Severity.Medium },
        { 22, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13", PortsCodes.Ssh, Severity.Info },
        { 23, "\\xff\\xfd\\x18\\xff\\xfd \\xff\\xfd#\\xff\\xfd'", PortsCodes.Telnet, Severity.Critical },
        { 25, "220 mail.example.net ESMTP Postfix", PortsCodes.Smtp, Severity.Info },
        { 53, null, PortsCodes.Dns, Severity.Info },
        { 110, "+OK Dovecot ready.", PortsCodes.Pop3, Severity.Low },
        { 143, "* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.", PortsCodes.Imap, Severity.Low },
        { 135, null, PortsCodes.MsRpc, Severity.Critical },
        { 139, null, PortsCodes.NetBios, Severity.Critical },
        { 445, null, PortsCodes.Smb, Severity.Critical },
        { 1433, null, PortsCodes.MsSql, Severity.High },
        { 1521, null, PortsCodes.Oracle, Severity.High },
        { 2375, null, PortsCodes.Docker, Severity.Critical },
        { 2376, null, PortsCodes.DockerTls, Severity.High },
        { 3306, null, PortsCodes.MySql, Severity.High },
        { 3389, null, PortsCodes.Rdp, Severity.Critical },
        { 5432, null, PortsCodes.PostgreSql, Severity.High },
        { 5900, "RFB 003.008", PortsCodes.Vnc, Severity.High },
        { 5985, null, PortsCodes.WinRm, Severity.High },
        { 5986, null, PortsCodes.WinRm, Severity.High },
        { 6379, "+PONG", PortsCodes.Redis, Severity.Critical },
        { 6379, "-NOAUTH Authentication required.", PortsCodes.Redis, Severity.High },
        { 6379, null, PortsCodes.Redis, Severity.Critical },
        { 9200, null, PortsCodes.Elasticsearch, Severity.Critical },
        { 11211, null, PortsCodes.Memcached, Severity.Critical },
        { 27017, null, PortsCodes.MongoDb, Severity.Critical },
        { 7777, null, PortsCodes.Other, Severity.Info },
    };

    [Theory]
    [MemberData(nameof(Exposures))]
    public void Run_PortOpen_ExposureWithPortAsSubject(int port, string? banner, string code, Severity severity)
    {
        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(port, banner), Closed(80)])));

        Assert.Equal(code, issue.Code);
        Assert.Equal($"{code}:{port}", issue.Fingerprint);
        Assert.Equal(severity, issue.Severity);
        Assert.Contains($"203.0.113.10:{port}", issue.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Exposures))]
    public void Run_PortClosedOrFiltered_NoExposure(int port, string? banner, string code, Severity severity)
    {
        _ = (banner, code, severity);

        Assert.Empty(ExposedServicesCheck.Run(Facts([Closed(port), Filtered(port, Second), Open(443)])));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(443)]
    [InlineData(8080)]
    [InlineData(8443)]
    public void Run_WebPortOpen_NoFinding(int port)
    {
        Assert.Empty(ExposedServicesCheck.Run(Facts([Open(port)])));
    }

    [Fact]
    public void Run_SshBannerOnRdpPort_ReportedAsSshNotRdp()
    {
        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(3389, "SSH-2.0-OpenSSH_8.9")])));

        Assert.Equal("ports.exposed.ssh:3389", issue.Fingerprint);
        Assert.Equal(Severity.Info, issue.Severity);
    }

    [Fact]
    public void Run_SshOnUnlistedPort_IdentifiedByBanner()
    {
        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(2222, "SSH-2.0-dropbear_2022.83")])));

        Assert.Equal("ports.exposed.ssh:2222", issue.Fingerprint);
        Assert.Contains("dropbear_2022.83", issue.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MySqlGreetingBytes_IdentifiedByBannerWithVersion()
    {
        var banner = ProberBanner(MySqlGreeting("8.0.36-0ubuntu0.22.04.1"));

        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(3306, banner)])));

        Assert.Equal(PortsCodes.MySql, issue.Code);
        Assert.Contains("server version 8.0.36-0ubuntu0.22.04.1", issue.Detail, StringComparison.Ordinal);
        Assert.StartsWith("MySQL/MariaDB is open", issue.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RdpPortSilent_TitleAndDetailSayInferredFromPort()
    {
        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(3389)])));

        Assert.Equal("Port 3389 (Remote Desktop (RDP)) is open to the internet", issue.Title);
        Assert.Contains("inferred from the port number", issue.Detail, StringComparison.Ordinal);
        Assert.EndsWith("no banner", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SamePortOnTwoAddresses_OneIssueNamingBoth()
    {
        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(3389), Open(3389, address: Second)])));

        Assert.Contains("203.0.113.10:3389", issue.Evidence, StringComparison.Ordinal);
        Assert.Contains("203.0.113.11:3389", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SmtpOnMxAddress_NoFinding()
    {
        Assert.Empty(ExposedServicesCheck.Run(Facts([Open(25, "220 mx.example.com ESMTP")], mx: [WebHost])));
    }

    [Fact]
    public void Run_SmtpOnMxAndOnWebAddress_OnlyTheWebAddressReported()
    {
        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(25, "220 a ESMTP"), Open(25, "220 b ESMTP", Second)], mx: [Second])));

        Assert.Contains("203.0.113.10:25", issue.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.11", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RedisProtectedMode_HighNotCritical()
    {
        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(6379, "-DENIED Redis is running in protected mode because protected mode is enabled")])));

        Assert.Equal(Severity.High, issue.Severity);
        Assert.Contains("authentication required", issue.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LongBanner_EvidenceTruncated()
    {
        var issue = Assert.Single(ExposedServicesCheck.Run(Facts([Open(22, "SSH-2.0-" + new string('x', 500))])));

        Assert.True(issue.Evidence.Length < 250, issue.Evidence);
        Assert.EndsWith("…", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AcceptAnyHost_PortOnlyExposuresSuppressedBannerOnesKept()
    {
        var facts = Facts(
            [Open(3389), Open(445), Open(22, "SSH-2.0-OpenSSH_9.6")],
            control: PortsModule.ControlPorts.Select(p => Open(p)));

        var issue = Assert.Single(ExposedServicesCheck.Run(facts));

        Assert.Equal("ports.exposed.ssh:22", issue.Fingerprint);
        Assert.All(ExposedServicesCheck.Assess(facts).Where(a => a.Observation.Port != 22), a => Assert.True(a.Unverified));
    }

    [Fact]
    public void Run_OnlyOneControlPortOpen_ExposuresKept()
    {
        var facts = Facts([Open(3389)], control: [Open(PortsModule.ControlPorts[0]), Closed(PortsModule.ControlPorts[1])]);

        Assert.Equal("ports.exposed.rdp:3389", Assert.Single(ExposedServicesCheck.Run(facts)).Fingerprint);
        Assert.Null(AcceptsAnyPortCheck.Run(facts));
    }

    [Fact]
    public void AcceptsAnyPortCheck_AllControlPortsOpen_InfoIssue()
    {
        var facts = Facts([Open(3389)], control: PortsModule.ControlPorts.Select(p => Open(p)));

        var issue = AcceptsAnyPortCheck.Run(facts);

        Assert.NotNull(issue);
        Assert.Equal(PortsCodes.AcceptsAnyPort, issue.Code);
        Assert.Equal(Severity.Info, issue.Severity);
        Assert.Contains("203.0.113.10", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsAnyPortCheck_ControlPortsClosed_NoIssue()
    {
        Assert.Null(AcceptsAnyPortCheck.Run(Facts([Open(3389)])));
    }
}
