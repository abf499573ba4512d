using ComplianceLayer.Scanning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Tests.Scanning.Modules.Ports;

public sealed class PortsOptionsTests
{
    [Fact]
    public void EffectivePorts_NothingConfigured_DefaultListWithRequiredPorts()
    {
        var options = new ScanningOptions();

        Assert.Equal(ScanningOptions.DefaultPorts, options.EffectivePorts);
        Assert.Superset(
            new HashSet<int> { 21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 1433, 1521, 2375, 2376, 3306, 3389, 5432, 5900, 5985, 5986, 6379, 8080, 8443, 9200, 11211, 27017 },
            ScanningOptions.DefaultPorts.ToHashSet());
        Assert.Equal(ScanningOptions.DefaultPorts.Count, ScanningOptions.DefaultPorts.Distinct().Count());
        Assert.Equal(32, options.PortScanConcurrency);
    }

    [Fact]
    public void AddScanning_PortsConfigured_ReplaceTheDefaultList()
    {
        using var provider = Build(new() { ["Scanning:Ports:0"] = "22", ["Scanning:Ports:1"] = "3389", ["Scanning:PortScanConcurrency"] = "8" });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<ScanningOptions>>().Value;

        Assert.Equal([22, 3389], options.EffectivePorts);
        Assert.Equal(8, options.PortScanConcurrency);
    }

    [Theory]
    [InlineData("0", "between 1 and 65535; not: 0")]
    [InlineData("65536", "between 1 and 65535; not: 65536")]
    [InlineData("22", "more than once: 22")]
    public void AddScanning_InvalidPort_FailsStartupWithClearMessage(string second, string expected)
    {
        using var provider = Build(new() { ["Scanning:Ports:0"] = "22", ["Scanning:Ports:1"] = second });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoreThanMaxPorts_Fails()
    {
        var options = new ScanningOptions { Ports = [.. Enumerable.Range(1, ScanningOptions.MaxPorts + 1)] };

        var result = new ScanningOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("at most 1000", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExactlyMaxPorts_Succeeds()
    {
        var options = new ScanningOptions { Ports = [.. Enumerable.Range(1, ScanningOptions.MaxPorts)] };

        Assert.True(new ScanningOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("257")]
    public void AddScanning_ConcurrencyOutOfRange_Fails(string value)
    {
        using var provider = Build(new() { ["Scanning:PortScanConcurrency"] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("PortScanConcurrency", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddScanning(configuration).BuildServiceProvider();
    }
}
