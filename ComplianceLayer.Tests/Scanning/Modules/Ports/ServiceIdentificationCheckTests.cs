using System.Text;
using ComplianceLayer.Scanning.Modules.Ports;
using ComplianceLayer.Scanning.Modules.Ports.Checks;
using static ComplianceLayer.Tests.Scanning.Modules.Ports.PortFacts;

namespace ComplianceLayer.Tests.Scanning.Modules.Ports;

public sealed class ServiceIdentificationCheckTests
{
    [Theory]
    [InlineData(2121, "220 ProFTPD Server ready.", "ftp")]
    [InlineData(21, "220 Welcome", "ftp")]
    [InlineData(2525, "220 mx.example.com ESMTP Exim 4.96", "smtp")]
    [InlineData(25, "220 hello", "smtp")]
    [InlineData(8000, "RFB 003.008", "vnc")]
    [InlineData(9999, "+PONG", "redis")]
    [InlineData(993, "* OK IMAP4rev1 ready", "imap")]
    [InlineData(1110, "+OK POP3 ready", "pop3")]
    [InlineData(2323, "\\xff\\xfb\\x01\\xff\\xfb\\x03", "telnet")]
    [InlineData(8080, "HTTP/1.1 400 Bad Request", "http")]
    public void Identify_ConclusiveBanner_ServiceFromBanner(int port, string banner, string service)
    {
        var identity = ServiceIdentificationCheck.Identify(port, banner);

        Assert.Equal(service, identity.Service.Key);
        Assert.Equal(IdentifiedBy.Banner, identity.By);
    }

    [Theory]
    [InlineData(3389, null, "rdp")]
    [InlineData(445, "", "smb")]
    [InlineData(5432, "garbage that names nothing", "postgresql")]
    [InlineData(12345, null, "unknown")]
    public void Identify_NoConclusiveBanner_ServiceFromPort(int port, string? banner, string service)
    {
        var identity = ServiceIdentificationCheck.Identify(port, banner);

        Assert.Equal(service, identity.Service.Key);
        Assert.Equal(IdentifiedBy.Port, identity.By);
    }

    [Fact]
    public void Identify_MySqlHostNotAllowedErrorPacket_MySqlByBanner()
    {
        var message = Encoding.ASCII.GetBytes("Host '198.51.100.7' is not allowed to connect to this MySQL server");
        byte[] packet = [(byte)(message.Length + 3), 0, 0, 0, 0xff, 0x6a, 0x04, .. message];

        var identity = ServiceIdentificationCheck.Identify(3306, ProberBanner(packet));

        Assert.Equal(ServiceCatalog.MySql, identity.Service);
        Assert.Equal(IdentifiedBy.Banner, identity.By);
    }

    [Fact]
    public void Identify_BinaryNoiseOnMySqlPort_FallsBackToPort()
    {
        var identity = ServiceIdentificationCheck.Identify(3306, ProberBanner([0x05, 0x00, 0x00, 0x00, 0x0a, 0x41, 0x42]));

        Assert.Equal(IdentifiedBy.Port, identity.By);
    }

    [Fact]
    public void Identify_RedisNoAuth_AuthenticationRequired()
    {
        var identity = ServiceIdentificationCheck.Identify(6379, "-NOAUTH Authentication required.");

        Assert.True(identity.AuthenticationRequired);
    }

    [Fact]
    public void Printable_ControlCharactersAndLength_EscapedAndCut()
    {
        var text = BannerText.Printable("220 ok\r\nnext\u0001" + new string('a', 300));

        Assert.StartsWith("220 ok\\r\\nnext\\x01", text, StringComparison.Ordinal);
        Assert.Equal(BannerText.MaxReportLength, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_ProberEscapes_RoundTrip()
    {
        byte[] bytes = [0x4a, 0x00, 0x0a, 0x35, 0xff, 0x5c];

        Assert.Equal(bytes, BannerText.ToBytes(ProberBanner(bytes)));
    }
}
