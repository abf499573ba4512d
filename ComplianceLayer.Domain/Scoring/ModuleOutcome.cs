using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Domain.Scoring;

/// <summary>
/// What one module hands to the <see cref="ScoreCard"/>: completed with its issues, or an error, or not tested with the
/// reason. Only completed modules carry issues; "could not test" is never scored as pass or fail.
/// </summary>
public sealed record ModuleOutcome
{
    private ModuleOutcome(string module, ModuleStatus status, string? error, string? reason, IReadOnlyList<Issue> issues, JsonObject? details)
    {
        if (!ModuleKeys.IsKnown(module))
        {
            throw new ArgumentException($"'{module}' is not a known module key.", nameof(module));
        }
        Module = module;
        Status = status;
        Error = error;
        Reason = reason;
        Issues = issues;
        // A copy, so that the module and the report never share a mutable tree.
        Details = details is null ? [] : (JsonObject)details.DeepClone();
    }

    public string Module { get; }

    public ModuleStatus Status { get; }

    /// <summary>Why the module failed; set only when <see cref="Status"/> is <see cref="ModuleStatus.Error"/>.</summary>
    public string? Error { get; }

    /// <summary>Why the module was not tested; set only when <see cref="Status"/> is <see cref="ModuleStatus.NotTested"/>.</summary>
    public string? Reason { get; }

    public IReadOnlyList<Issue> Issues { get; }

    /// <summary>What the module measured, for the report's <c>details</c>; keys should be snake_case.</summary>
    public JsonObject Details { get; }

    public static ModuleOutcome Completed(string module, IEnumerable<Issue> issues, JsonObject? details = null)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var list = issues.ToArray();
        var foreign = list.FirstOrDefault(i => !string.Equals(i.Module, module, StringComparison.Ordinal));
        if (foreign is not null)
        {
            throw new ArgumentException($"Module '{module}' cannot report issue {foreign.Fingerprint} of module '{foreign.Module}'.", nameof(issues));
        }
        return new ModuleOutcome(module, ModuleStatus.Completed, null, null, list, details);
    }

    public static ModuleOutcome Errored(string module, string error, JsonObject? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new ModuleOutcome(module, ModuleStatus.Error, error.Trim(), null, [], details);
    }

    public static ModuleOutcome NotTested(string module, string reason, JsonObject? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ModuleOutcome(module, ModuleStatus.NotTested, null, reason.Trim(), [], details);
    }
}
