using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Domain.Compliance;

/// <summary>
/// Builds the report's <c>compliance</c> section from the module outcomes and the catalogue. Pure and deterministic.
/// </summary>
/// <remarks>
/// Per framework, every control that some mapping touches is listed:
/// <list type="bullet">
/// <item>Assessed = at least one of its mappings belongs to a module that completed. Mappings of modules that errored or
/// were not tested are ignored; when none is left the control is <see cref="ControlStatus.NotAssessed"/> (never pass or
/// fail: "could not test" says nothing about the control).</item>
/// <item>Fail when a non-info issue of a completed module matches one of the assessed mappings; the findings are the
/// matching codes, once each, and the strength is the strongest mapping that matched.</item>
/// <item>Pass otherwise, with the strongest assessed mapping's strength (direct beats supporting).</item>
/// </list>
/// Info issues never fail a control: they carry no penalty in scoring (<see cref="ScoringPolicy.Penalties"/>) and are
/// context, such as "DKIM not confirmed at the selectors tried", not evidence that a control is weak.
/// </remarks>
public sealed class ComplianceMapper
{
    private readonly ComplianceCatalogue _catalogue;

    public ComplianceMapper(ComplianceCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        _catalogue = catalogue;
    }

    /// <summary>The mapper over the embedded catalogue.</summary>
    public static ComplianceMapper Default { get; } = new(ComplianceCatalogue.Default);

    public ComplianceSection Map(IEnumerable<ModuleOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var completed = new HashSet<string>(StringComparer.Ordinal);
        var failingCodes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            ArgumentNullException.ThrowIfNull(outcome, nameof(outcomes));
            if (outcome.Status != ModuleStatus.Completed)
            {
                continue;
            }
            completed.Add(outcome.Module);
            failingCodes[outcome.Module] = outcome.Issues
                .Where(i => i.Severity != Severity.Info)
                .Select(i => i.Code)
                .ToHashSet(StringComparer.Ordinal);
        }

        var entries = new Dictionary<string, IReadOnlyList<ComplianceEntry>>(StringComparer.Ordinal);
        foreach (var key in ComplianceFrameworks.All)
        {
            entries[key] = _catalogue.TryGetFramework(key, out var framework)
                ? Entries(framework, completed, failingCodes)
                : [];
        }
        return new ComplianceSection
        {
            Soc2 = entries[ComplianceFrameworks.Soc2],
            Iso27001 = entries[ComplianceFrameworks.Iso27001],
            Nist = entries[ComplianceFrameworks.Nist],
            PciDss = entries[ComplianceFrameworks.PciDss],
            Hipaa = entries[ComplianceFrameworks.Hipaa],
        };
    }

    private ComplianceEntry[] Entries(
        ComplianceFramework framework,
        HashSet<string> completed,
        Dictionary<string, HashSet<string>> failingCodes) =>
        framework.Controls
            .Select(control => Entry(
                control,
                _catalogue.Mappings.Where(m => m.Framework == framework.Key && m.Control == control.Id).ToArray(),
                completed,
                failingCodes))
            .OfType<ComplianceEntry>()
            .OrderBy(e => e.Control, ControlIdComparer.Instance)
            .ToArray();

    private static ComplianceEntry? Entry(
        ComplianceControl control,
        ControlMapping[] mappings,
        HashSet<string> completed,
        Dictionary<string, HashSet<string>> failingCodes)
    {
        if (mappings.Length == 0)
        {
            return null;
        }
        var assessed = mappings.Where(m => completed.Contains(m.Module)).ToArray();
        if (assessed.Length == 0)
        {
            return new ComplianceEntry
            {
                Control = control.Id,
                Title = control.Title,
                Status = ControlStatus.NotAssessed,
                Strength = Strongest(mappings),
                Findings = [],
            };
        }

        var failed = assessed
            .Select(m => (Mapping: m, Codes: failingCodes[m.Module].Where(m.Matches).ToArray()))
            .Where(f => f.Codes.Length > 0)
            .ToArray();
        if (failed.Length == 0)
        {
            return new ComplianceEntry
            {
                Control = control.Id,
                Title = control.Title,
                Status = ControlStatus.Pass,
                Strength = Strongest(assessed),
                Findings = [],
            };
        }
        return new ComplianceEntry
        {
            Control = control.Id,
            Title = control.Title,
            Status = ControlStatus.Fail,
            Strength = Strongest(failed.Select(f => f.Mapping)),
            Findings = failed.SelectMany(f => f.Codes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
        };
    }

    private static MappingStrength Strongest(IEnumerable<ControlMapping> mappings) =>
        mappings.Any(m => m.Strength == MappingStrength.Direct) ? MappingStrength.Direct : MappingStrength.Supporting;
}
