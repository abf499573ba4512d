using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>One vulnerability entry of a library: the version range it affects and what it is.</summary>
public sealed record RetireVulnerability(
    string? AtOrAbove,
    string? Below,
    string Severity,
    IReadOnlyList<string> Cves,
    string? GithubId,
    string? Summary)
{
    /// <summary>The seed counts only exploitable issues: a CVE has been assigned and the severity is medium or higher.</summary>
    public bool Counted => Cves.Count > 0 && Severity is "medium" or "high" or "critical";

    public IReadOnlyList<string> Ids => [.. Cves, .. GithubId is null ? Array.Empty<string>() : [GithubId]];
}

/// <summary>A <c>filecontentreplace</c> extractor: the match is rewritten with <see cref="Replacement"/> to give the version.</summary>
public sealed record RetireReplaceExtractor(Regex Pattern, string Replacement);

/// <summary>One library of the repository with its compiled extractors.</summary>
public sealed record RetireLibrary(
    string Name,
    IReadOnlyList<Regex> Uri,
    IReadOnlyList<Regex> Filename,
    IReadOnlyList<Regex> FileContent,
    IReadOnlyList<RetireReplaceExtractor> FileContentReplace,
    IReadOnlyDictionary<string, string> Hashes,
    IReadOnlyList<RetireVulnerability> Vulnerabilities);

/// <summary>
/// The retire.js vulnerability repository, embedded at build time (see Data/README.md) and parsed once, lazily.
/// Extractors are translated as retire.js does: <c>§§version§§</c> becomes the version pattern, whose capture is group 1;
/// <c>filename</c> patterns are anchored. The <c>ast</c> extractors (which need a JavaScript parser) are not used.
/// </summary>
public sealed class RetireRepository
{
    public const string ResourceName = "ComplianceLayer.Scanning.Modules.JsAudit.jsrepository.json";

    private const string VersionPlaceholder = "§§version§§";
    private const string VersionPattern = @"[0-9][0-9.a-z_\-]+";

    /// <summary>Per match; a pattern that runs longer on hostile content is skipped, not fatal.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);

    private static readonly Lazy<RetireRepository> LazyShipped = new(LoadShipped);

    private RetireRepository(IReadOnlyList<RetireLibrary> libraries) => Libraries = libraries;

    /// <summary>The repository shipped with the scanner.</summary>
    public static RetireRepository Shipped => LazyShipped.Value;

    public IReadOnlyList<RetireLibrary> Libraries { get; }

    public RetireLibrary? Find(string name) => Libraries.FirstOrDefault(l => l.Name == name);

    public static RetireRepository Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var libraries = new List<RetireLibrary>();
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            // The repository's own sample entry, not a real library.
            if (entry.Name == "retire-example")
            {
                continue;
            }

            var extractors = entry.Value.TryGetProperty("extractors", out var e) ? e : default;
            libraries.Add(new RetireLibrary(
                entry.Name,
                [.. Strings(extractors, "uri").Select(p => Compile(p, anchored: false, RegexOptions.None))],
                [.. Strings(extractors, "filename").Select(p => Compile(p, anchored: true, RegexOptions.None))],
                [.. Strings(extractors, "filecontent").Select(p => Compile(p, anchored: false, RegexOptions.Compiled))],
                [.. Strings(extractors, "filecontentreplace").Select(ParseReplace).OfType<RetireReplaceExtractor>()],
                Hashes(extractors),
                [.. Vulnerabilities(entry.Value)]));
        }

        return new RetireRepository(libraries);
    }

    /// <summary>Strips a trailing <c>.min</c>/<c>-min</c> as retire.js does.</summary>
    public static string CleanVersion(string version) => version.EndsWith(".min", StringComparison.Ordinal) || version.EndsWith("-min", StringComparison.Ordinal)
        ? version[..^4]
        : version;

    private static RetireRepository LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static Regex Compile(string pattern, bool anchored, RegexOptions extra)
    {
        var translated = pattern.Replace(VersionPlaceholder, VersionPattern, StringComparison.Ordinal);
        return new Regex(anchored ? $"^{translated}$" : translated, RegexOptions.CultureInvariant | extra, MatchTimeout);
    }

    private static RetireReplaceExtractor? ParseReplace(string extractor)
    {
        // "/regex/replacement/", as retire.js splits it.
        var parts = Regex.Match(extractor, @"^/(.*[^\\])/([^/]+)/$", RegexOptions.CultureInvariant, MatchTimeout);
        return parts.Success ? new RetireReplaceExtractor(Compile(parts.Groups[1].Value, anchored: false, RegexOptions.None), parts.Groups[2].Value) : null;
    }

    private static IEnumerable<string> Strings(JsonElement parent, string property)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];

    private static Dictionary<string, string> Hashes(JsonElement extractors)
    {
        var hashes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (extractors.ValueKind == JsonValueKind.Object && extractors.TryGetProperty("hashes", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var hash in map.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.String))
            {
                hashes[hash.Name] = hash.Value.GetString()!;
            }
        }

        return hashes;
    }

    private static IEnumerable<RetireVulnerability> Vulnerabilities(JsonElement library)
    {
        if (!library.TryGetProperty("vulnerabilities", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var v in list.EnumerateArray())
        {
            var identifiers = v.TryGetProperty("identifiers", out var ids) && ids.ValueKind == JsonValueKind.Object ? ids : default;
            yield return new RetireVulnerability(
                Text(v, "atOrAbove"),
                Text(v, "below"),
                (Text(v, "severity") ?? "unknown").ToLowerInvariant(),
                [.. Strings(identifiers, "CVE")],
                Text(identifiers, "githubID"),
                Text(identifiers, "summary"));
        }
    }

    private static string? Text(JsonElement parent, string property)
        => parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
