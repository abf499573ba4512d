using ComplianceLayer.Tests.Scanning.Net;
using ComplianceLayer.Web.Infrastructure.Hosting;

namespace ComplianceLayer.Tests.Web.Hosting;

public sealed class ScanCommandTests
{
    [Theory]
    [InlineData(new[] { "example.com" }, "example.com", false, null)]
    [InlineData(new[] { "--json", "example.com" }, "example.com", true, null)]
    [InlineData(new[] { "example.com", "--modules", "ssl,headers" }, "example.com", false, "headers,ssl")]
    public void Parse_ValidArguments_AreRead(string[] args, string domain, bool json, string? modules)
    {
        var parsed = ScanCommandArguments.Parse(args);
        Assert.Null(parsed.Error);
        Assert.Equal(domain, parsed.Domain);
        Assert.Equal(json, parsed.Json);
        Assert.Equal(modules, parsed.Modules is null ? null : string.Join(",", parsed.Modules.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Parse_ConfigurationOverrides_ArePassedToTheHost()
    {
        var parsed = ScanCommandArguments.Parse(["example.com", "--Scanning:AllowPrivateNetworks=true", "--Scanning:DnsServers:0", "127.0.0.1:53"]);
        Assert.Equal(["--Scanning:AllowPrivateNetworks=true", "--Scanning:DnsServers:0", "127.0.0.1:53"], parsed.HostArgs);
    }

    [Theory]
    [InlineData(new string[0], "missing the domain")]
    [InlineData(new[] { "a.com", "b.com" }, "one domain per scan")]
    [InlineData(new[] { "a.com", "--modules" }, "--modules needs")]
    public void Parse_BadArguments_ExplainWhy(string[] args, string error) =>
        Assert.Contains(error, ScanCommandArguments.Parse(args).Error, StringComparison.Ordinal);

    [Fact]
    public async Task Run_InvalidDomain_ExitsWith2AndSaysWhy()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ScanCommand.RunAsync(["https://example.com/path"], output, errors);
        Assert.Equal(2, code);
        Assert.Contains("invalid domain", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("not a URL", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownModule_ExitsWith2()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ScanCommand.RunAsync(["example.com", "--modules", "nonsense"], output, errors);
        Assert.Equal(2, code);
        Assert.Contains("unknown module(s): nonsense", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Run_DomainThatDoesNotExist_ExitsWith1AndSaysItDoesNotResolve()
    {
        using var dns = new LoopbackDnsServer();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ScanCommand.RunAsync(
            ["gone.example.com", $"--Scanning:DnsServers:0={dns.ServerSetting}", "--Scanning:AllowPrivateNetworks=true"], output, errors);
        Assert.Equal(1, code);
        Assert.Contains("domain does not resolve", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }
}
