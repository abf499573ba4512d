using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Scanning;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>
/// <c>scan &lt;domain&gt; [--json] [--modules a,b]</c>: runs the engine with no database and prints the report.
/// Settings come from appsettings and the environment like the app's (e.g. Scanning__DnsServers__0=127.0.0.1:5353).
/// Exit codes: 0 completed, 1 the scan failed (e.g. the domain does not resolve), 2 bad usage or invalid domain.
/// </summary>
public static class ScanCommand
{
    public const string Verb = "scan";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var parsed = ScanCommandArguments.Parse(args);
        if (parsed.Error is not null)
        {
            await errors.WriteLineAsync(parsed.Error);
            await errors.WriteLineAsync("usage: scan <domain> [--json] [--modules ssl,headers,...]");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = parsed.HostArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddScanning(builder.Configuration);
        using var host = builder.Build();
        var engine = host.Services.GetRequiredService<ScanEngine>();

        var unknown = parsed.Modules?.Where(m => engine.Modules.All(x => x.Key != m)).ToList();
        if (unknown is { Count: > 0 })
        {
            await errors.WriteLineAsync($"unknown module(s): {string.Join(", ", unknown)}; known: {string.Join(", ", engine.Modules.Select(m => m.Key))}");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var progress = parsed.Json ? null : new Progress<ModuleProgress>(p =>
            errors.WriteLine($"  {p.Module,-10} {p.Status.ToString().ToLowerInvariant(),-10} {(p.Score is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"),4}  {p.Elapsed.TotalSeconds:0.0} s"));
        ScanEngineResult result;
        try
        {
            result = await engine.RunAsync(parsed.Domain!, new ScanRunOptions { Modules = parsed.Modules }, progress, cancel.Token);
        }
        catch (OptionsValidationException ex)
        {
            await errors.WriteLineAsync("invalid Scanning settings: " + string.Join("; ", ex.Failures));
            return 2;
        }

        if (result.Report is null)
        {
            await errors.WriteLineAsync($"scan failed: {result.FailureReason}");
            return result.FailureReason?.StartsWith("invalid domain", StringComparison.Ordinal) == true ? 2 : 1;
        }
        await output.WriteLineAsync(parsed.Json ? ReportJson.Serialize(result.Report) : ReportSummaryText.Format(result.Report));
        return 0;
    }
}
