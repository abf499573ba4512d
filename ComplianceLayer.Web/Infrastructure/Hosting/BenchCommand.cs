using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ComplianceLayer.Scanning;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>
/// <c>bench &lt;domain&gt;... [--repeat N] [--concurrency C] [--modules a,b]</c>: scans the domains (a lab's, see
/// scripts/bench.sh) with the real engine and prints throughput and per-module p50/p95 latency. No database.
/// </summary>
public static class BenchCommand
{
    public const string Verb = "bench";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var domains = new List<string>();
        var rest = new List<string>();
        int repeat = 1, concurrency = 4;
        IReadOnlySet<string>? modules = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--repeat" when i + 1 < args.Length: repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--concurrency" when i + 1 < args.Length: concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--modules" when i + 1 < args.Length: modules = args[++i].Split(',').ToHashSet(StringComparer.Ordinal); break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): rest.Add(a); break;
                default: domains.Add(args[i]); break;
            }
        }
        if (domains.Count == 0)
        {
            await errors.WriteLineAsync("usage: bench <domain>... [--repeat N] [--concurrency C] [--modules a,b] [--Section:Key=value]");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. rest], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddScanning(builder.Configuration);
        using var host = builder.Build();
        var engine = host.Services.GetRequiredService<ScanEngine>();

        var work = Enumerable.Range(0, repeat).SelectMany(_ => domains).ToList();
        var moduleTimes = new ConcurrentDictionary<string, ConcurrentBag<double>>(StringComparer.Ordinal);
        var scanTimes = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (domain, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            var result = await engine.RunAsync(domain, new ScanRunOptions { Modules = modules }, null, ct);
            scanTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!result.Succeeded)
            {
                failures.Add($"{domain}: {result.FailureReason}");
            }
            foreach (var (module, elapsed) in result.ModuleDurations)
            {
                moduleTimes.GetOrAdd(module, _ => []).Add(elapsed.TotalMilliseconds);
            }
        });
        total.Stop();

        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c,
            $"{work.Count} scans of {domains.Count} domains, concurrency {concurrency}: {total.Elapsed.TotalSeconds:0.00} s, {work.Count / total.Elapsed.TotalSeconds:0.00} scans/s, {failures.Count} failed"));
        await output.WriteLineAsync(string.Create(c, $"  {"scan",-10} p50 {Percentile(scanTimes, 0.50),8:0} ms   p95 {Percentile(scanTimes, 0.95),8:0} ms"));
        foreach (var (module, times) in moduleTimes.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(string.Create(c, $"  {module,-10} p50 {Percentile(times, 0.50),8:0} ms   p95 {Percentile(times, 0.95),8:0} ms"));
        }
        foreach (var failure in failures.Take(5))
        {
            await errors.WriteLineAsync("  failed " + failure);
        }
        return failures.IsEmpty ? 0 : 1;
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
