using ComplianceLayer.Scanning.Modules.Ssl.Probing;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Probing;

public sealed class ServerResponseParserTests
{
    [Fact]
    public void Parse_Tls12ServerHello_VersionAndSuite()
    {
        var response = ServerResponseParser.Parse(TlsWire.ServerHello(0x0303, 0xC02F));
        Assert.Equal((ServerResponseKind.ServerHello, (ushort)0x0303, (ushort)0xC02F), (response.Kind, response.Version, response.Suite));
    }

    [Fact]
    public void Parse_Tls13ServerHello_VersionFromSupportedVersions()
    {
        var response = ServerResponseParser.Parse(TlsWire.ServerHello(0x0303, 0x1302, supportedVersion: 0x0304));
        Assert.Equal((ushort)0x0304, response.Version);
        Assert.Equal((ushort)0x1302, response.Suite);
    }

    [Fact]
    public void Parse_ServerHelloSplitAcrossTwoRecords_Joined()
    {
        var whole = TlsWire.ServerHello(0x0301, 0x0005);
        var payload = whole[5..];
        byte[] split = [22, 3, 1, 0, 10, .. payload[..10], 22, 3, 1, 0, (byte)(payload.Length - 10), .. payload[10..]];
        var response = ServerResponseParser.Parse(split);
        Assert.Equal((ServerResponseKind.ServerHello, (ushort)0x0301, (ushort)0x0005), (response.Kind, response.Version, response.Suite));
    }

    [Fact]
    public void Parse_TruncatedServerHello_Incomplete() =>
        Assert.Equal(ServerResponseKind.Incomplete, ServerResponseParser.Parse(TlsWire.ServerHello(0x0303, 0xC02F).AsSpan(0, 20)).Kind);

    [Fact]
    public void Parse_HttpAnswer_Unrecognised() =>
        Assert.Equal(ServerResponseKind.Unrecognised, ServerResponseParser.Parse("HTTP/1.1 400 Bad Request\r\n"u8).Kind);

    [Theory]
    [InlineData((byte)40, ProbeVerdict.NotAccepted)]
    [InlineData((byte)70, ProbeVerdict.NotAccepted)]
    [InlineData((byte)71, ProbeVerdict.NotAccepted)]
    [InlineData((byte)80, ProbeVerdict.NotTested)]
    [InlineData((byte)50, ProbeVerdict.NotTested)]
    public void Verdict_Alert_OnlyRefusalAlertsMeanNotAccepted(byte alert, ProbeVerdict expected) =>
        Assert.Equal(expected, ServerResponseParser.Verdict(TlsWire.Alert(alert), TlsVersion.Tls10, false, null).Verdict);

    [Fact]
    public void Verdict_ServerHelloWithOtherVersion_NotAccepted()
    {
        var result = ServerResponseParser.Verdict(TlsWire.ServerHello(0x0303, 0xC02F), TlsVersion.Tls10, false, null);
        Assert.Equal(ProbeVerdict.NotAccepted, result.Verdict);
        Assert.Contains("TLSv1.2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_ServerHelloWithOfferedVersion_AcceptedWithSuite() =>
        Assert.Equal(ProbeResult.Accepted(0x0005), ServerResponseParser.Verdict(TlsWire.ServerHello(0x0300, 0x0005), TlsVersion.Ssl30, false, null));

    [Fact]
    public void Verdict_NothingThenCleanClose_NotAccepted() =>
        Assert.Equal(ProbeVerdict.NotAccepted, ServerResponseParser.Verdict([], TlsVersion.Tls11, closedCleanly: true, null).Verdict);

    [Fact]
    public void Verdict_NothingThenTimeout_NotTested() =>
        Assert.Equal(ProbeVerdict.NotTested, ServerResponseParser.Verdict([], TlsVersion.Tls11, closedCleanly: false, "no answer in time").Verdict);

    [Fact]
    public void Build_Ssl3Hello_Ssl3RecordNoExtensionsOfferedSuites()
    {
        var record = RawClientHello.Build(TlsVersion.Ssl30, [0x0005, 0x000A], "shop.example.com");
        Assert.Equal([22, 3, 0], record[..3]);
        var (version, suites) = TlsWire.ReadClientHello(record);
        Assert.Equal((ushort)0x0300, version);
        Assert.Equal([(ushort)0x0005, (ushort)0x000A], suites);
        Assert.Equal(5 + 4 + 2 + 32 + 1 + 2 + 4 + 2, record.Length);
    }

    [Fact]
    public void Build_Tls12Hello_CarriesSni()
    {
        var record = RawClientHello.Build(TlsVersion.Tls12, [0x0005], "shop.example.com");
        Assert.Equal((ushort)0x0303, TlsWire.ReadClientHello(record).Version);
        Assert.Contains("shop.example.com", System.Text.Encoding.ASCII.GetString(record), StringComparison.Ordinal);
    }
}
