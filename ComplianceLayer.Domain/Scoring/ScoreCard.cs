using System.Globalization;
using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;

namespace ComplianceLayer.Domain.Scoring;

/// <summary>
/// The one scoring function: module outcomes in, the seed's report out. Pure and deterministic; the rules it applies are
/// the data in <see cref="ScoringPolicy"/> and <see cref="GradeBands"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Module score: see <see cref="ScoreModule"/>. Modules that errored or were not tested get no score.</item>
/// <item>Overall score: Σ(weight × module score) / Σ weight over the weighted modules that completed, rounded half away
/// from zero (74.5 → 75, a B). Renormalising keeps a module that could not be tested from counting as 0 or as 100;
/// a caveat names it and states how much of the weight the score covers. Dividing by Σ weight also means the seed's
/// weights need not sum to 100 (they sum to 105, see <see cref="ScoringPolicy.TotalWeightPercent"/>).</item>
/// <item>Weighted modules missing from the outcomes are reported as not tested. Tier-3 modules never change the score.</item>
/// <item>No weighted module completed: the scan cannot be scored (<see cref="ScoreCardResult.Unscorable"/>).</item>
/// <item>The <c>compliance</c> section comes from <see cref="ComplianceMapper"/> over the same outcomes: controls whose
/// modules did not complete are "not assessed", never pass or fail.</item>
/// </list>
/// </remarks>
public static class ScoreCard
{
    public const string NotRunReason = "Not run in this scan";

    private const int MaxCaveatDetailLength = 200;

    public static ScoreCardResult Build(string domain, string reportId, DateTimeOffset scannedAt, IEnumerable<ModuleOutcome> outcomes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        ArgumentException.ThrowIfNullOrWhiteSpace(reportId);
        if (!reportId.StartsWith(ScanIds.ReportPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A report id starts with '{ScanIds.ReportPrefix}'.", nameof(reportId));
        }
        ArgumentNullException.ThrowIfNull(outcomes);

        var byKey = new Dictionary<string, ModuleOutcome>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            ArgumentNullException.ThrowIfNull(outcome, nameof(outcomes));
            if (!byKey.TryAdd(outcome.Module, outcome))
            {
                throw new ArgumentException($"Module '{outcome.Module}' has more than one outcome.", nameof(outcomes));
            }
        }
        // A report that silently drops a weighted module would overstate what was assessed.
        foreach (var definition in ScoringPolicy.Modules.Where(m => m.IsWeighted && !byKey.ContainsKey(m.Key)))
        {
            byKey[definition.Key] = ModuleOutcome.NotTested(definition.Key, NotRunReason);
        }

        var modules = new Dictionary<string, ModuleReport>(StringComparer.Ordinal);
        var allIssues = new List<Issue>();
        var notAssessed = new List<string>();
        var unscoredWeighted = new List<string>();
        long weightedSum = 0;
        var weightCovered = 0;

        foreach (var definition in ScoringPolicy.Modules)
        {
            if (!byKey.TryGetValue(definition.Key, out var outcome))
            {
                continue;
            }
            if (outcome.Status == ModuleStatus.Completed)
            {
                var issues = Order(Distinct(outcome.Issues));
                var moduleScore = ScoreModule(issues);
                modules[definition.Key] = new ModuleReport
                {
                    Score = moduleScore.Score,
                    Grade = moduleScore.Grade,
                    Weight = definition.Weight,
                    Status = outcome.Status,
                    CappedBy = moduleScore.CappedBy.Count > 0 ? moduleScore.CappedBy : null,
                    Details = outcome.Details,
                    Issues = issues.Select(ReportIssue.From).ToArray(),
                };
                allIssues.AddRange(issues);
                if (definition.IsWeighted)
                {
                    weightedSum += (long)moduleScore.Score * definition.WeightPercent;
                    weightCovered += definition.WeightPercent;
                }
                continue;
            }

            modules[definition.Key] = new ModuleReport
            {
                Weight = definition.Weight,
                Status = outcome.Status,
                Error = outcome.Error,
                Reason = outcome.Reason,
                Details = outcome.Details,
                Issues = [],
            };
            var why = outcome.Status == ModuleStatus.Error
                ? $"{definition.Name} ({definition.Key}) could not be assessed: {Shorten(outcome.Error)}"
                : $"{definition.Name} ({definition.Key}) was not tested: {Shorten(outcome.Reason)}";
            notAssessed.Add(definition.IsWeighted ? why + " - excluded from the overall score" : why);
            if (definition.IsWeighted)
            {
                unscoredWeighted.Add(outcome.Status == ModuleStatus.Error
                    ? $"{definition.Key} (error: {Shorten(outcome.Error)})"
                    : $"{definition.Key} (not tested: {Shorten(outcome.Reason)})");
            }
        }

        if (weightCovered == 0)
        {
            return ScoreCardResult.Unscorable(
                "No weighted module completed, so the scan cannot be scored: " + string.Join("; ", unscoredWeighted));
        }

        var score = (int)Math.Round((decimal)weightedSum / weightCovered, MidpointRounding.AwayFromZero);
        var band = GradeBands.For(score);
        var sortedIssues = Order(allIssues);

        var caveats = new List<string> { StandardCaveats.ExternalOnly };
        if (Completed(byKey, ModuleKeys.DnsEmail))
        {
            caveats.Add(StandardCaveats.DkimSelectors);
        }
        if (Completed(byKey, ModuleKeys.Ports))
        {
            caveats.Add(StandardCaveats.PortScan);
        }
        var compliance = ComplianceMapper.Default.Map(byKey.Values);
        if (AnyAssessed(compliance))
        {
            caveats.Add(StandardCaveats.ComplianceEvidence);
        }
        caveats.AddRange(notAssessed);
        if (weightCovered < ScoringPolicy.TotalWeightPercent)
        {
            var coveredPercent = Math.Round(weightCovered * 100m / ScoringPolicy.TotalWeightPercent, MidpointRounding.AwayFromZero);
            caveats.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Overall score covers modules carrying {coveredPercent}% of the scoring weight; modules not assessed are excluded, not counted as passed or failed"));
        }

        var report = new ScanReport
        {
            Domain = domain,
            Score = score,
            Grade = band.Grade,
            RiskLevel = band.RiskLevel,
            ReportId = reportId,
            ScannedAt = ToWholeUtcSecond(scannedAt),
            AlgorithmVersion = ScoringPolicy.Version,
            Modules = modules,
            Issues = sortedIssues.Select(ReportIssue.From).ToArray(),
            Caveats = caveats,
            Compliance = compliance,
            Recommendations = Recommendations(sortedIssues),
        };
        return ScoreCardResult.Scored(report);
    }

    /// <summary>
    /// One module's score: 100 minus the penalty of each distinct issue (<see cref="ScoringPolicy.Penalties"/>, one per
    /// fingerprint, the most severe if repeated), floored at 0, then lowered to the smallest applicable grade cap.
    /// </summary>
    public static ModuleScore ScoreModule(IEnumerable<Issue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var distinct = Distinct(issues);
        var penalty = distinct.Sum(i => ScoringPolicy.PenaltyFor(i.Severity));
        var uncapped = Math.Max(ScoringPolicy.ModuleFloor, ScoringPolicy.MaxScore - penalty);
        var binding = distinct
            .Select(i => ScoringPolicy.CapFor(i.Code, i.Module))
            .OfType<GradeCap>()
            .Where(c => c.MaxScore < uncapped)
            .DistinctBy(c => c.Code)
            .OrderBy(c => c.MaxScore)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToArray();
        var score = binding.Length > 0 ? binding[0].MaxScore : uncapped;
        return new ModuleScore(score, GradeBands.GradeFor(score), penalty, binding.Select(c => c.Code).ToArray());
    }

    /// <summary>By severity (critical first), then module weight (heaviest first), then module key, code and fingerprint.</summary>
    public static IReadOnlyList<Issue> Order(IEnumerable<Issue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return issues
            .OrderBy(i => i.Severity)
            .ThenByDescending(i => ScoringPolicy.Module(i.Module).WeightPercent)
            .ThenBy(i => i.Module, StringComparer.Ordinal)
            .ThenBy(i => i.Code, StringComparer.Ordinal)
            .ThenBy(i => i.Fingerprint, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Remediation texts of the non-info issues, each once, in the order of the worst issue it fixes (issues are already
    /// ordered by severity and weight, so the first occurrence decides), at most <see cref="ScoringPolicy.MaxRecommendations"/>.
    /// Info issues are context, not something to fix.
    /// </summary>
    public static IReadOnlyList<string> Recommendations(IEnumerable<Issue> orderedIssues)
    {
        ArgumentNullException.ThrowIfNull(orderedIssues);
        return orderedIssues
            .Where(i => i.Severity != Severity.Info && i.Remediation.Length > 0)
            .Select(i => i.Remediation)
            .Distinct(StringComparer.Ordinal)
            .Take(ScoringPolicy.MaxRecommendations)
            .ToArray();
    }

    /// <summary>A module reporting one fingerprint twice is counted once, at its worst severity.</summary>
    private static List<Issue> Distinct(IEnumerable<Issue> issues) =>
        issues
            .GroupBy(i => (i.Module, i.Fingerprint))
            .Select(g => g.MinBy(i => i.Severity)!)
            .ToList();

    private static bool AnyAssessed(ComplianceSection compliance) =>
        new[] { compliance.Soc2, compliance.Iso27001, compliance.Nist, compliance.PciDss, compliance.Hipaa }
            .Any(entries => entries.Any(e => e.Status != ControlStatus.NotAssessed));

    private static bool Completed(Dictionary<string, ModuleOutcome> byKey, string key) =>
        byKey.TryGetValue(key, out var outcome) && outcome.Status == ModuleStatus.Completed;

    private static string Shorten(string? text)
    {
        var value = text ?? string.Empty;
        return value.Length <= MaxCaveatDetailLength ? value : value[..MaxCaveatDetailLength] + "…";
    }

    private static DateTimeOffset ToWholeUtcSecond(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
