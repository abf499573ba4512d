using System.Net;
using System.Net.Sockets;
using System.Text;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Net;

[Trait("Category", "Integration")]
public sealed class TcpPortProberTests
{
    [Fact]
    public async Task ProbeAsync_OpenPortWithBanner_OpenAndBannerRead()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-Test\r\n"));
            await Task.Delay(500);
        });
        using var net = NetStack.Create(null, allowPrivateNetworks: true);

        var result = await net.Prober.ProbeAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, CancellationToken.None);

        Assert.Equal(PortState.Open, result.State);
        Assert.Equal("SSH-2.0-Test", result.Banner);
        Assert.Null(result.Error);
        await serve;
    }

    [Fact]
    public async Task ProbeAsync_OpenSilentPort_OpenWithoutBannerAfterBannerTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var net = NetStack.Create(null, allowPrivateNetworks: true);

        var result = await net.Prober.ProbeAsync(
            new PortProbeRequest(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port) { BannerTimeout = TimeSpan.FromMilliseconds(200) },
            CancellationToken.None);

        Assert.Equal(PortState.Open, result.State);
        Assert.Null(result.Banner);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(150), $"{result.Elapsed}");
    }

    [Fact]
    public async Task ProbeAsync_ClosedPort_Closed()
    {
        using var net = NetStack.Create(null, allowPrivateNetworks: true);

        var result = await net.Prober.ProbeAsync(IPAddress.Loopback, Loopback.ClosedPort(), CancellationToken.None);

        Assert.Equal(PortState.Closed, result.State);
        Assert.Null(result.Banner);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.0.0.1", "private address (RFC 1918)")]
    [InlineData("fd12::1", "unique local")]
    public async Task ProbeAsync_PrivateTargetGuardOn_RefusedWithoutConnecting(string address, string expectedReasonPart)
    {
        using var net = NetStack.Create(null, allowPrivateNetworks: false);

        var ex = await Assert.ThrowsAsync<ScanTargetRefusedException>(() => net.Prober.ProbeAsync(IPAddress.Parse(address), 22, CancellationToken.None));

        Assert.Contains(expectedReasonPart, ex.Reason, StringComparison.Ordinal);
        Assert.Empty(net.ConnectAttempts);
    }
}
