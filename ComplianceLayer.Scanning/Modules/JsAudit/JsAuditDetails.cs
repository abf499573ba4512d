using System.Text.Json.Nodes;
using ComplianceLayer.Scanning.Modules.JsAudit.Checks;

namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>The module's <c>details</c>: every library seen and every repository entry for it, counted or not.</summary>
internal static class JsAuditDetails
{
    public static JsonObject Build(JsAuditFacts facts, IReadOnlyList<LibraryAssessment> assessments, RetireRepository repository) => new()
    {
        ["page_url"] = facts.PageUrl.ToString(),
        ["scripts_seen"] = facts.ScriptsSeen,
        ["scripts_fetched"] = facts.ScriptsFetched,
        ["libraries"] = new JsonArray([.. assessments.SelectMany(a => a.Sightings.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = a.Name,
            ["version"] = a.Version,
            ["source_url"] = s.SourceUrl.ToString(),
            ["detection"] = s.Detection,
            ["vulnerabilities"] = new JsonArray([.. a.Vulnerabilities.Select(v => (JsonNode)new JsonObject
            {
                ["ids"] = new JsonArray([.. v.Ids.Select(id => (JsonNode)JsonValue.Create(id))]),
                ["severity"] = v.Severity,
                ["summary"] = v.Summary,
                ["at_or_above"] = v.AtOrAbove,
                ["below"] = v.Below,
                ["counted"] = v.Counted,
            })]),
        }))]),
        ["third_party_scripts"] = new JsonArray([.. facts.ThirdPartyScripts.Select(u => (JsonNode)JsonValue.Create(u.ToString()))]),
        ["fetch_problems"] = new JsonArray([.. facts.FetchProblems.Select(p => (JsonNode)JsonValue.Create(p))]),
        ["database"] = $"retire.js repository, {repository.Libraries.Count} libraries (see Modules/JsAudit/Data/README.md)",
        ["counting_rule"] = "A vulnerability counts when it has a CVE id and severity medium or higher; others are listed here only.",
    };
}
