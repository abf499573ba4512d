namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>How a library version was found: <c>uri</c> (the script's URL or file name), <c>filecontent</c> (the fetched script) or <c>banner</c> (an inline script).</summary>
public static class DetectionSources
{
    public const string Uri = "uri";
    public const string FileContent = "filecontent";
    public const string Banner = "banner";
}

/// <summary>A library version seen in one script.</summary>
public sealed record DetectedLibrary(string Name, string Version, Uri SourceUrl, string Detection);

/// <summary>What the module gathered from the home page and its scripts; the checks read nothing else.</summary>
/// <param name="ScriptsSeen">External and inline scripts on the page.</param>
/// <param name="ScriptsFetched">Same-site scripts downloaded for content detection.</param>
/// <param name="ThirdPartyScripts">External scripts on other sites and not on a known CDN: neither matched nor fetched.</param>
public sealed record JsAuditFacts(
    Uri PageUrl,
    IReadOnlyList<DetectedLibrary> Libraries,
    int ScriptsSeen,
    int ScriptsFetched,
    IReadOnlyList<Uri> ThirdPartyScripts,
    IReadOnlyList<string> FetchProblems);
