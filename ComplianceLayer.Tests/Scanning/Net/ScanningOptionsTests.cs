using System.Net;
using ComplianceLayer.Scanning;
using ComplianceLayer.Scanning.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Tests.Scanning.Net;

public sealed class ScanningOptionsTests
{
    [Theory]
    [InlineData("9.9.9.9", "9.9.9.9:53")]
    [InlineData("127.0.0.1:5353", "127.0.0.1:5353")]
    [InlineData("2620:fe::fe", "[2620:fe::fe]:53")]
    [InlineData("[::1]:5353", "[::1]:5353")]
    [InlineData(" 1.1.1.1 ", "1.1.1.1:53")]
    public void TryParseDnsServer_ValidEntry_Parsed(string value, string expected)
    {
        Assert.True(ScanningOptions.TryParseDnsServer(value, out var endPoint));
        Assert.Equal(IPEndPoint.Parse(expected), endPoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dns.google")]
    [InlineData("1.2.3.4:0")]
    [InlineData("1.2.3.4:70000")]
    [InlineData("[::1]:x")]
    public void TryParseDnsServer_InvalidEntry_Rejected(string value)
    {
        Assert.False(ScanningOptions.TryParseDnsServer(value, out _));
    }

    [Fact]
    public void AddScanning_ValidSettings_BindsAndResolvesServices()
    {
        using var provider = Build(new()
        {
            ["Scanning:DnsServers:0"] = "127.0.0.1:5353",
            ["Scanning:DnsServers:1"] = "[::1]:53",
            ["Scanning:AllowPrivateNetworks"] = "true",
            ["Scanning:RequestTimeout"] = "00:00:10",
            ["Scanning:MaxRedirects"] = "3",
        });

        var options = provider.GetRequiredService<IOptions<ScanningOptions>>().Value;
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(["127.0.0.1:5353", "[::1]:53"], options.DnsServers);
        Assert.True(options.AllowPrivateNetworks);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Equal(3, options.MaxRedirects);
        Assert.Equal(2 * 1024 * 1024, options.MaxBodyBytes);
        Assert.Equal(2, provider.GetRequiredService<ScannerDnsResolver>().NameServers.Count);
        Assert.True(provider.GetRequiredService<TargetGuard>().AllowsPrivateNetworks);
        Assert.NotNull(provider.GetRequiredService<GuardedHttpClient>());
        Assert.NotNull(provider.GetRequiredService<TlsHandshaker>());
        Assert.NotNull(provider.GetRequiredService<TcpPortProber>());
    }

    [Theory]
    [InlineData("Scanning:DnsServers:0", "dns.google", "Scanning:DnsServers entry 'dns.google'")]
    [InlineData("Scanning:ExtraTrustedRootsPath", "/nonexistent/roots.pem", "does not exist")]
    [InlineData("Scanning:MaxRedirects", "50", "MaxRedirects")]
    [InlineData("Scanning:MaxBodyBytes", "10", "MaxBodyBytes")]
    [InlineData("Scanning:UserAgent", "", "UserAgent")]
    [InlineData("Scanning:ConnectTimeout", "00:00:30", "must not exceed Scanning:RequestTimeout")]
    public void AddScanning_InvalidSetting_FailsStartupValidationWithClearMessage(string key, string value, string expectedMessagePart)
    {
        using var provider = Build(new() { [key] = value, ["Scanning:RequestTimeout"] = "00:00:20" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expectedMessagePart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddScanning_ExtraRootsFileWithoutCertificate_Fails()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate");
            using var provider = Build(new() { ["Scanning:ExtraTrustedRootsPath"] = path });

            var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

            Assert.Contains("holds no PEM certificate", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddScanning(configuration).BuildServiceProvider();
    }
}
