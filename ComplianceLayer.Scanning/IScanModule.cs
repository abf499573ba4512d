using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning;

/// <summary>
/// One scan module (a report's module key). It probes through <see cref="ScanContext"/> only, then runs pure checks
/// over what was fetched. It returns an outcome instead of throwing for anything it expected ("not tested" with a
/// reason); an exception or a timeout becomes an error outcome, never a failed scan.
/// </summary>
public interface IScanModule
{
    /// <summary>The report's module key, one of <see cref="ModuleKeys"/>.</summary>
    string Key { get; }

    Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken);
}
