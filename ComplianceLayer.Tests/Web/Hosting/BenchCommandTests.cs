using ComplianceLayer.Web.Infrastructure.Hosting;

namespace ComplianceLayer.Tests.Web.Hosting;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.95, 95)]
    [InlineData(1.00, 100)]
    [InlineData(0.01, 1)]
    public void Percentile_NearestRank_OverOneToHundred(double p, double expected) =>
        Assert.Equal(expected, BenchCommand.Percentile(Enumerable.Range(1, 100).Select(i => (double)i).Reverse(), p));

    [Fact]
    public void Percentile_NoValues_IsNaN() => Assert.True(double.IsNaN(BenchCommand.Percentile([], 0.5)));

    [Fact]
    public async Task Run_NoDomains_PrintsUsageAndExitsWith2()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(2, await BenchCommand.RunAsync(["--concurrency", "2"], output, errors));
        Assert.Contains("usage: bench", errors.ToString(), StringComparison.Ordinal);
    }
}
