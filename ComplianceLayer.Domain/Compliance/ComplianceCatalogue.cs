using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Domain.Compliance;

/// <summary>
/// Finding codes → framework controls, read from <c>compliance-catalogue.json</c> (embedded) and validated once: frameworks
/// are the five known keys, control ids are unique and well formed, every mapping names a defined control, a known module
/// and code patterns of that module, every defined control is used, codes listed as unmapped are mapped nowhere and
/// controls deliberately excluded (e.g. PCI DSS 11.3.2, which only an ASV scan addresses) are not defined. A catalogue
/// that breaks any rule throws <see cref="InvalidDataException"/> listing every problem, so a bad edit fails the first test
/// run and start-up rather than a report.
/// </summary>
public sealed class ComplianceCatalogue
{
    public const string ResourceName = "ComplianceLayer.Domain.Compliance.compliance-catalogue.json";

    private static readonly Lazy<ComplianceCatalogue> s_default = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly JsonSerializerOptions s_jsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    private readonly FrozenDictionary<string, ComplianceFramework> _frameworks;

    private ComplianceCatalogue(
        IReadOnlyList<ComplianceFramework> frameworks,
        IReadOnlyList<ControlMapping> mappings,
        IReadOnlyList<UnmappedCode> unmapped,
        IReadOnlyList<ExcludedControl> excluded)
    {
        Frameworks = frameworks;
        Mappings = mappings;
        Unmapped = unmapped;
        Excluded = excluded;
        _frameworks = frameworks.ToFrozenDictionary(f => f.Key, StringComparer.Ordinal);
    }

    /// <summary>The embedded catalogue, loaded and validated on first use.</summary>
    public static ComplianceCatalogue Default => s_default.Value;

    /// <summary>Frameworks in report order (<see cref="ComplianceFrameworks.All"/>), each present one once.</summary>
    public IReadOnlyList<ComplianceFramework> Frameworks { get; }

    public IReadOnlyList<ControlMapping> Mappings { get; }

    /// <summary>Codes deliberately mapped to no control, each with the reason (mostly info-only or "could not test" codes).</summary>
    public IReadOnlyList<UnmappedCode> Unmapped { get; }

    /// <summary>Controls deliberately left out although a reader might expect them, each with the reason.</summary>
    public IReadOnlyList<ExcludedControl> Excluded { get; }

    public bool TryGetFramework(string key, out ComplianceFramework framework) =>
        _frameworks.TryGetValue(key, out framework!);

    /// <summary>The mappings with a pattern matching <paramref name="code"/>.</summary>
    public IEnumerable<ControlMapping> MappingsFor(string code) => Mappings.Where(m => m.Matches(code));

    /// <summary>True when a mapping matches <paramref name="code"/> or the catalogue lists it as unmapped.</summary>
    public bool Covers(string code) =>
        Unmapped.Any(u => string.Equals(u.Code, code, StringComparison.Ordinal)) || Mappings.Any(m => m.Matches(code));

    /// <exception cref="InvalidDataException">The JSON is malformed or breaks a catalogue rule; the message lists every problem.</exception>
    public static ComplianceCatalogue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CatalogueDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogueDocument>(json, s_jsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Compliance catalogue is not valid: {ex.Message}", ex);
        }
        if (document is null)
        {
            throw new InvalidDataException("Compliance catalogue is not valid: the document is null.");
        }
        return Validate(document);
    }

    private static ComplianceCatalogue LoadEmbedded()
    {
        using var stream = typeof(ComplianceCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static ComplianceCatalogue Validate(CatalogueDocument document)
    {
        var errors = new List<string>();

        var frameworks = new List<ComplianceFramework>();
        foreach (var (dto, index) in (document.Frameworks ?? []).Select((f, i) => (f, i)))
        {
            var where = $"frameworks[{index}]";
            if (dto is null)
            {
                errors.Add($"{where} is null.");
                continue;
            }
            if (!ComplianceFrameworks.IsKnown(dto.Key))
            {
                errors.Add($"{where}: unknown framework '{dto.Key}' (expected one of {string.Join(", ", ComplianceFrameworks.All)}).");
                continue;
            }
            if (frameworks.Any(f => f.Key == dto.Key))
            {
                errors.Add($"{where}: framework '{dto.Key}' is defined twice.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(dto.Name))
            {
                errors.Add($"{where}: framework '{dto.Key}' has no name.");
            }
            var controls = new List<ComplianceControl>();
            foreach (var control in dto.Controls ?? [])
            {
                if (control is null || string.IsNullOrWhiteSpace(control.Id))
                {
                    errors.Add($"{where}: framework '{dto.Key}' has a control without an id.");
                    continue;
                }
                if (!ComplianceFrameworks.IsValidControlId(dto.Key, control.Id))
                {
                    errors.Add($"{where}: '{control.Id}' is not a valid {dto.Key} control id.");
                }
                if (controls.Any(c => c.Id == control.Id))
                {
                    errors.Add($"{where}: duplicate control '{control.Id}' in framework '{dto.Key}'.");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(control.Title))
                {
                    errors.Add($"{where}: control '{dto.Key} {control.Id}' has no title.");
                }
                controls.Add(new ComplianceControl(control.Id, control.Title?.Trim() ?? string.Empty));
            }
            frameworks.Add(new ComplianceFramework(dto.Key, dto.Name?.Trim() ?? string.Empty, controls));
        }

        var mappings = new List<ControlMapping>();
        foreach (var (dto, index) in (document.Mappings ?? []).Select((m, i) => (m, i)))
        {
            var mapping = ValidateMapping(dto, $"mappings[{index}]", frameworks, errors);
            if (mapping is not null)
            {
                mappings.Add(mapping);
            }
        }

        foreach (var framework in frameworks)
        {
            foreach (var control in framework.Controls.Where(c => !mappings.Any(m => m.Framework == framework.Key && m.Control == c.Id)))
            {
                errors.Add($"Control '{framework.Key} {control.Id}' is defined but no mapping uses it.");
            }
        }

        var unmapped = new List<UnmappedCode>();
        foreach (var (dto, index) in (document.Unmapped ?? []).Select((u, i) => (u, i)))
        {
            var where = $"unmapped[{index}]";
            if (dto is null || !FindingCodes.IsValid(dto.Code))
            {
                errors.Add($"{where}: '{dto?.Code}' is not an exact finding code (patterns are not allowed here).");
                continue;
            }
            if (string.IsNullOrWhiteSpace(dto.Reason))
            {
                errors.Add($"{where}: unmapped code '{dto.Code}' needs a reason.");
            }
            if (unmapped.Any(u => u.Code == dto.Code))
            {
                errors.Add($"{where}: code '{dto.Code}' is listed as unmapped twice.");
                continue;
            }
            var mappedBy = mappings.FirstOrDefault(m => m.Matches(dto.Code));
            if (mappedBy is not null)
            {
                errors.Add($"{where}: code '{dto.Code}' is listed as unmapped but mapping {mappedBy} matches it.");
            }
            unmapped.Add(new UnmappedCode(dto.Code, dto.Reason?.Trim() ?? string.Empty));
        }

        var excluded = new List<ExcludedControl>();
        foreach (var (dto, index) in (document.Excluded ?? []).Select((e, i) => (e, i)))
        {
            var where = $"excluded[{index}]";
            if (dto is null || !ComplianceFrameworks.IsKnown(dto.Framework))
            {
                errors.Add($"{where}: unknown framework '{dto?.Framework}'.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(dto.Control) || !ComplianceFrameworks.IsValidControlId(dto.Framework, dto.Control))
            {
                errors.Add($"{where}: '{dto.Control}' is not a valid {dto.Framework} control id.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(dto.Reason))
            {
                errors.Add($"{where}: excluded control '{dto.Framework} {dto.Control}' needs a reason.");
            }
            if (frameworks.Any(f => f.Key == dto.Framework && f.Controls.Any(c => c.Id == dto.Control)))
            {
                errors.Add($"{where}: control '{dto.Framework} {dto.Control}' is excluded but also defined (and so mappable).");
            }
            excluded.Add(new ExcludedControl(dto.Framework, dto.Control, dto.Reason?.Trim() ?? string.Empty));
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException(
                $"Compliance catalogue is not valid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}- "
                + string.Join(Environment.NewLine + "- ", errors));
        }

        var ordered = frameworks.OrderBy(f => ComplianceFrameworks.All.ToList().IndexOf(f.Key)).ToArray();
        return new ComplianceCatalogue(ordered, mappings, unmapped, excluded);
    }

    private static ControlMapping? ValidateMapping(MappingDto? dto, string where, List<ComplianceFramework> frameworks, List<string> errors)
    {
        if (dto is null)
        {
            errors.Add($"{where} is null.");
            return null;
        }
        var framework = frameworks.FirstOrDefault(f => f.Key == dto.Framework);
        if (framework is null)
        {
            errors.Add($"{where}: unknown framework '{dto.Framework}'.");
            return null;
        }
        var label = $"{where} ({dto.Framework} {dto.Control})";
        var ok = true;
        if (!framework.Controls.Any(c => c.Id == dto.Control))
        {
            errors.Add($"{label}: control '{dto.Control}' is not defined in framework '{dto.Framework}'.");
            ok = false;
        }
        if (!ModuleKeys.IsKnown(dto.Module))
        {
            errors.Add($"{label}: unknown module '{dto.Module}'.");
            ok = false;
        }
        MappingStrength strength = default;
        switch (dto.Strength)
        {
            case "direct":
                strength = MappingStrength.Direct;
                break;
            case "supporting":
                strength = MappingStrength.Supporting;
                break;
            default:
                errors.Add($"{label}: strength '{dto.Strength}' must be 'direct' or 'supporting'.");
                ok = false;
                break;
        }
        if (dto.Codes is null || dto.Codes.Count == 0)
        {
            errors.Add($"{label}: codes is empty.");
            return null;
        }
        var patterns = new List<CodePattern>();
        foreach (var text in dto.Codes)
        {
            CodePattern pattern;
            try
            {
                pattern = CodePattern.Parse(text ?? string.Empty);
            }
            catch (FormatException ex)
            {
                errors.Add($"{label}: {ex.Message}");
                ok = false;
                continue;
            }
            if (ModuleKeys.IsKnown(dto.Module) && !pattern.BelongsTo(dto.Module))
            {
                errors.Add($"{label}: code '{text}' does not belong to module '{dto.Module}' (codes start with the module key).");
                ok = false;
            }
            if (patterns.Contains(pattern))
            {
                errors.Add($"{label}: code '{text}' is listed twice.");
                ok = false;
            }
            patterns.Add(pattern);
        }
        return ok ? new ControlMapping(patterns, dto.Framework, dto.Control, strength, dto.Module, dto.Notes?.Trim()) : null;
    }

    private sealed class CatalogueDocument
    {
        public required int Version { get; init; }

        public string? Notes { get; init; }

        public required List<FrameworkDto?>? Frameworks { get; init; }

        public required List<MappingDto?>? Mappings { get; init; }

        public List<UnmappedDto?>? Unmapped { get; init; }

        public List<ExcludedDto?>? Excluded { get; init; }
    }

    private sealed class FrameworkDto
    {
        public required string Key { get; init; }

        public required string Name { get; init; }

        public required List<ControlDto?>? Controls { get; init; }
    }

    private sealed class ControlDto
    {
        public required string Id { get; init; }

        public required string Title { get; init; }
    }

    private sealed class MappingDto
    {
        public required List<string?>? Codes { get; init; }

        public required string Framework { get; init; }

        public required string Control { get; init; }

        public required string Strength { get; init; }

        public required string Module { get; init; }

        public string? Notes { get; init; }
    }

    private sealed class UnmappedDto
    {
        public required string Code { get; init; }

        public required string Reason { get; init; }
    }

    private sealed class ExcludedDto
    {
        public required string Framework { get; init; }

        public required string Control { get; init; }

        public required string Reason { get; init; }
    }
}

/// <summary>One framework of the catalogue with the controls it defines (ids as the framework numbers them, our own titles).</summary>
public sealed record ComplianceFramework(string Key, string Name, IReadOnlyList<ComplianceControl> Controls);

/// <summary>A control: its id (<c>CC6.7</c>) and our own short title.</summary>
public sealed record ComplianceControl(string Id, string Title);

/// <summary>
/// Codes matching <see cref="Codes"/> bear on <see cref="Control"/> of <see cref="Framework"/>. <see cref="Module"/> is the
/// module whose completion means the control was assessed by this mapping (every pattern is one of its codes).
/// </summary>
public sealed record ControlMapping(
    IReadOnlyList<CodePattern> Codes,
    string Framework,
    string Control,
    MappingStrength Strength,
    string Module,
    string? Notes)
{
    public bool Matches(string code) => Codes.Any(p => p.Matches(code));

    public override string ToString() => $"{Framework} {Control} [{string.Join(", ", Codes)}]";
}

/// <summary>A code deliberately mapped to no control, and why.</summary>
public sealed record UnmappedCode(string Code, string Reason);

/// <summary>A control deliberately not mapped although a reader might expect it, and why.</summary>
public sealed record ExcludedControl(string Framework, string Control, string Reason);
