using System.Diagnostics;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Net;
using Microsoft.Extensions.Logging;

namespace ComplianceLayer.Scanning;

/// <summary>
/// Runs one scan: validates the name, resolves it through the scanner's resolver, checks every address with the
/// target guard, runs all modules in parallel over one <see cref="ScanContext"/>, and scores the outcomes.
/// </summary>
public sealed class ScanEngine(ScanNetwork network, IReadOnlyList<IScanModule> modules, ILogger<ScanEngine> logger)
{
    public IReadOnlyList<IScanModule> Modules => modules;

    public async Task<ScanEngineResult> RunAsync(
        string domain,
        ScanRunOptions? options,
        IProgress<ModuleProgress>? progress,
        CancellationToken cancellationToken)
    {
        options ??= new ScanRunOptions();
        var parsed = DomainName.Parse(domain);
        if (parsed.Name is not { } name)
        {
            return ScanEngineResult.Failed($"invalid domain: {parsed.Error}");
        }

        var resolution = await network.Dns.ResolveAddressesAsync(name.Ascii, cancellationToken);
        if (resolution.IsNxDomain)
        {
            return ScanEngineResult.Failed($"domain does not resolve: {name.Ascii} does not exist (NXDOMAIN)");
        }
        if (resolution.Addresses.Count == 0 && !(resolution.IPv4?.IsDefinitive == true || resolution.IPv6?.IsDefinitive == true))
        {
            return ScanEngineResult.Failed($"domain could not be resolved: {resolution.Problem}");
        }
        foreach (var address in resolution.Addresses)
        {
            var decision = network.Guard.Check(address);
            if (!decision.IsAllowed)
            {
                return ScanEngineResult.Failed($"scan refused: {name.Ascii} resolves to {address}, and {decision.Reason}");
            }
        }

        var selected = modules.Where(m => options.Modules is null || options.Modules.Contains(m.Key)).ToList();
        var context = new ScanContext(name, resolution.Addresses, network, cancellationToken);
        var durations = new Dictionary<string, TimeSpan>();
        var runs = selected.Select(async module =>
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = await RunModuleAsync(module, context, options.ModuleTimeout ?? network.Options.ModuleTimeout, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            lock (durations)
            {
                durations[module.Key] = elapsed;
            }
            int? score = outcome.Status == ModuleStatus.Completed ? ScoreCard.ScoreModule(outcome.Issues).Score : null;
            progress?.Report(new ModuleProgress(module.Key, outcome.Status, score, elapsed));
            return outcome;
        }).ToList();
        var outcomes = await Task.WhenAll(runs);

        var scannedAt = network.Time.GetUtcNow();
        var card = ScoreCard.Build(name.Ascii, options.ReportId ?? ScanIds.NewReportId(), scannedAt, outcomes);
        return card.IsScored
            ? new ScanEngineResult(card.Report, null, outcomes, durations)
            : new ScanEngineResult(null, card.FailureReason, outcomes, durations);
    }

    private async Task<ModuleOutcome> RunModuleAsync(IScanModule module, ScanContext context, TimeSpan timeout, CancellationToken scanToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(scanToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            // WaitAsync also bounds a module that ignores its token.
            return await module.RunAsync(context, timeoutSource.Token).WaitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!scanToken.IsCancellationRequested)
        {
            return ModuleOutcome.Errored(module.Key, $"timed out after {timeout.TotalSeconds:0} s");
        }
        catch (ScanTargetRefusedException ex)
        {
            return ModuleOutcome.Errored(module.Key, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Module {Module} failed for {Domain}", module.Key, context.Domain.Ascii);
            return ModuleOutcome.Errored(module.Key, $"module failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}

/// <summary>Which modules to run (null: all), the report id to use, and an optional per-module timeout override.</summary>
public sealed record ScanRunOptions
{
    public IReadOnlySet<string>? Modules { get; init; }

    public string? ReportId { get; init; }

    public TimeSpan? ModuleTimeout { get; init; }
}
