using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ComplianceLayer.Web.Features.Reports;

/// <summary>One line of a module's measured details, e.g. <c>protocols: TLSv1.2, TLSv1.3</c>.</summary>
public sealed record ModuleFact(string Label, string Value);

/// <summary>
/// A few key facts from a module's <c>details</c>, generically: scalars, short arrays (of scalars, or of small objects
/// shown by their scalar values, e.g. open ports) and one level of nested objects. Nothing module-specific, so a new
/// module's details show without UI changes; long lists are cut with a "+n more".
/// </summary>
public static class ModuleFacts
{
    public const int MaxFacts = 8;

    public const int MaxItems = 6;

    public const int MaxValueLength = 120;

    public static IReadOnlyList<ModuleFact> From(JsonObject? details)
    {
        var facts = new List<ModuleFact>();
        if (details is not null)
        {
            Collect(details, prefix: null, facts, depth: 0);
        }
        return facts;
    }

    private static void Collect(JsonObject obj, string? prefix, List<ModuleFact> facts, int depth)
    {
        foreach (var (key, node) in obj)
        {
            if (facts.Count >= MaxFacts)
            {
                return;
            }
            var label = prefix is null ? Humanize(key) : $"{prefix} › {Humanize(key)}";
            switch (node)
            {
                case JsonObject nested when depth == 0:
                    Collect(nested, label, facts, depth + 1);
                    break;
                case JsonArray array when Items(array) is { } text:
                    facts.Add(new ModuleFact(label, text));
                    break;
                case JsonValue value when Scalar(value) is { } text:
                    facts.Add(new ModuleFact(label, Cut(text)));
                    break;
            }
        }
    }

    private static string? Items(JsonArray array)
    {
        if (array.Count == 0)
        {
            return "none";
        }
        var shown = array.Take(MaxItems).Select(Item).Where(t => t is not null).ToList();
        if (shown.Count == 0)
        {
            return null;
        }
        var more = array.Count - Math.Min(array.Count, MaxItems);
        return Cut(string.Join(", ", shown) + (more > 0 ? $" +{more} more" : ""));
    }

    private static string? Item(JsonNode? node) => node switch
    {
        JsonValue value => Scalar(value),
        JsonObject obj => obj.Select(p => p.Value as JsonValue).Select(v => v is null ? null : Scalar(v))
            .Where(t => !string.IsNullOrEmpty(t)).ToList() is { Count: > 0 } parts ? string.Join(" ", parts) : null,
        _ => null,
    };

    private static string? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        _ => null,
    };

    private static string Humanize(string key) =>
        key.Replace('_', ' ').Trim() is { Length: > 0 } text ? char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..] : key;

    private static string Cut(string text) => text.Length <= MaxValueLength ? text : text[..(MaxValueLength - 1)] + "…";
}
