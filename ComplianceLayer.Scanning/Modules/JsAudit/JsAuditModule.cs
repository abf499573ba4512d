using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.JsAudit.Checks;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>
/// JavaScript libraries on the home page, matched against the shipped retire.js repository. Script URLs on the scanned
/// site or a known CDN are matched by URL; same-site scripts (at most <see cref="MaxFetchedScripts"/>, each capped at
/// <see cref="MaxScriptBytes"/>) are fetched and matched by content; inline scripts are matched for version banners.
/// Third-party scripts elsewhere are listed, not fetched: their version is not the site's to fix, and fetching them
/// would send requests to hosts the user did not ask to scan.
/// </summary>
public sealed class JsAuditModule : IScanModule
{
    public const int MaxFetchedScripts = 10;
    public const int MaxScriptBytes = 512 * 1024;

    public string Key => ModuleKeys.JsAudit;

    public async Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var https = await context.HttpsHomePageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var page = https.Succeeded ? https : await context.HttpHomePageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (page.Response is not { } response)
        {
            return ModuleOutcome.NotTested(Key, $"The home page could not be fetched (HTTPS: {https.Error}; HTTP: {page.Error}).");
        }

        var repository = RetireRepository.Shipped;
        var references = ScriptReferenceParser.Parse(response.BodyText, response.Url);
        var libraries = new List<DetectedLibrary>();
        var sameSite = new List<Uri>();
        var thirdParty = new List<Uri>();
        foreach (var url in references.External)
        {
            var isSameSite = IsSameSite(url, response.Url, context.Domain);
            if (!isSameSite && !KnownCdns.Contains(url.IdnHost))
            {
                thirdParty.Add(url);
                continue;
            }

            libraries.AddRange(LibraryDetector.FromUrl(repository, url).Select(l => new DetectedLibrary(l.Name, l.Version, url, DetectionSources.Uri)));
            if (isSameSite)
            {
                sameSite.Add(url);
            }
        }

        foreach (var inline in references.Inline)
        {
            libraries.AddRange(LibraryDetector.FromContent(repository, inline, complete: false)
                .Select(l => new DetectedLibrary(l.Name, l.Version, response.Url, DetectionSources.Banner)));
        }

        var toFetch = sameSite.Take(MaxFetchedScripts).ToArray();
        var fetched = await Task.WhenAll(toFetch.Select(url => FetchAsync(context.Network.Http, url, cancellationToken))).ConfigureAwait(false);
        var problems = new List<string>();
        foreach (var (url, body, complete, problem) in fetched)
        {
            if (problem is not null)
            {
                problems.Add($"{url}: {problem}");
                continue;
            }

            var found = LibraryDetector.FromContent(repository, body!, complete);
            // The file's own banner is better evidence than its name: a renamed or patched copy keeps the content's version.
            libraries.RemoveAll(l => l.SourceUrl == url && l.Detection == DetectionSources.Uri && found.Any(f => f.Name == l.Name));
            libraries.AddRange(found.Select(l => new DetectedLibrary(l.Name, l.Version, url, DetectionSources.FileContent)));
        }

        if (sameSite.Count > toFetch.Length)
        {
            problems.Add($"{sameSite.Count - toFetch.Length} more same-site scripts were not fetched (limit {MaxFetchedScripts}).");
        }

        var facts = new JsAuditFacts(response.Url, [.. libraries.Distinct()], references.External.Count + references.Inline.Count,
            fetched.Count(f => f.Problem is null), thirdParty, problems);
        var issues = VulnerableLibraryCheck.Run(facts, repository).ToArray();
        var details = JsAuditDetails.Build(facts, VulnerableLibraryCheck.Assess(facts, repository), repository);
        if (response.BodyTruncated)
        {
            details["page_truncated"] = true;
        }

        return ModuleOutcome.Completed(Key, issues, details);
    }

    private static bool IsSameSite(Uri script, Uri page, DomainName domain)
    {
        if (string.Equals(script.IdnHost, page.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parsed = DomainName.Parse(script.IdnHost).Name;
        return parsed is not null && string.Equals(parsed.RegistrableDomain, domain.RegistrableDomain, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(Uri Url, string? Body, bool Complete, string? Problem)> FetchAsync(GuardedHttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.SendAsync(new GuardedHttpRequest(url) { MaxBodyBytes = MaxScriptBytes }, cancellationToken).ConfigureAwait(false);
            return response.StatusCode is >= 200 and < 300
                ? (url, response.BodyText, !response.BodyTruncated, null)
                : (url, null, false, $"HTTP {response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or ScanTargetRefusedException or ScanHostUnresolvedException or IOException)
        {
            return (url, null, false, ex.Message);
        }
    }
}
