using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.JsAudit.Checks;

/// <summary>A detected library version with the repository entries whose range contains it.</summary>
public sealed record LibraryAssessment(string Name, string Version, IReadOnlyList<DetectedLibrary> Sightings, IReadOnlyList<RetireVulnerability> Vulnerabilities)
{
    public IEnumerable<RetireVulnerability> Counted => Vulnerabilities.Where(v => v.Counted);
}

/// <summary>
/// One finding per vulnerable library version. Only known exploitable issues count (the seed's "only exploitable CVEs"):
/// an entry with a CVE id and severity medium or higher. Entries without a CVE or of low severity stay in the details.
/// </summary>
public static class VulnerableLibraryCheck
{
    public static IReadOnlyList<LibraryAssessment> Assess(JsAuditFacts facts, RetireRepository repository)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(repository);
        return [.. facts.Libraries
            .GroupBy(l => (l.Name, l.Version))
            .Select(g => new LibraryAssessment(g.Key.Name, g.Key.Version, [.. g],
                [.. repository.Find(g.Key.Name)?.Vulnerabilities.Where(v => RetireVersion.IsInRange(g.Key.Version, v.AtOrAbove, v.Below)) ?? []]))];
    }

    public static IEnumerable<Issue> Run(JsAuditFacts facts, RetireRepository repository)
    {
        foreach (var library in Assess(facts, repository))
        {
            var counted = library.Counted.ToArray();
            if (counted.Length == 0)
            {
                continue;
            }

            var severity = counted.Select(v => Map(v.Severity)).Min();
            var cves = counted.SelectMany(v => v.Cves).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var evidence = string.Join("; ", library.Sightings.Select(s => $"{s.SourceUrl} (version from {Describe(s.Detection)})").Distinct());
            yield return new Issue(ModuleKeys.JsAudit, JsAuditCodes.Vulnerable, severity,
                $"{library.Name} {library.Version} has known vulnerabilities ({string.Join(", ", cves)})",
                $"Update {library.Name} to a version without known vulnerabilities and remove unused copies.",
                evidence,
                string.Join(Environment.NewLine, counted.Select(v => $"{string.Join(", ", v.Cves)} ({v.Severity}): {FirstLine(v.Summary)}")),
                $"{library.Name}@{library.Version}");
        }
    }

    private static Severity Map(string severity) => severity switch
    {
        "critical" => Severity.Critical,
        "high" => Severity.High,
        _ => Severity.Medium,
    };

    private static string Describe(string detection) => detection switch
    {
        DetectionSources.Uri => "the script URL",
        DetectionSources.FileContent => "the script's content",
        _ => "an inline script's version banner",
    };

    private static string FirstLine(string? summary)
    {
        var line = (summary ?? "no summary").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no summary";
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
