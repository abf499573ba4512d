using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>
/// CORS over the probe responses. As in the MDN Observatory, only a reflected origin together with
/// Access-Control-Allow-Credentials: true is material (high): any site can then read the page with the visitor's cookies.
/// A reflected origin without credentials exposes no more than <c>*</c> (info), and <c>*</c> with credentials is
/// refused by browsers (info). Fetch compares both values exactly, and more than one Access-Control-Allow-Origin fails.
/// </summary>
public static class CorsCheck
{
    public const string Name = "cors";

    public const string ForeignOrigin = "https://evil-origin.example";

    public const string NullOrigin = "null";

    public static CheckResult Run(HeadersFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var answered = facts.CorsProbes.Where(p => p.Answered).ToArray();
        if (answered.Length == 0)
        {
            return CheckResult.NotTested(Name, facts.CorsProbes.Count == 0
                ? "no CORS probe was sent"
                : "no CORS probe was answered: " + string.Join("; ", facts.CorsProbes.Select(p => $"{p.Label}: {p.Error}")));
        }

        var issues = new List<Issue>();
        AddFirst(issues, answered.Where(p => p.Origin == ForeignOrigin && Allows(p, ForeignOrigin) && Credentialed(p)),
            p => new Issue(ModuleKeys.Headers, HeadersCodes.CorsOriginReflectedWithCredentials, Severity.High,
                "CORS reflects any Origin and allows credentials",
                "Only allow a fixed list of trusted origins; never echo the request's Origin when Access-Control-Allow-Credentials is true.",
                Evidence(p),
                "Any website a logged-in visitor opens can read this site's responses with the visitor's cookies."));
        AddFirst(issues, answered.Where(p => p.Origin == NullOrigin && Allows(p, NullOrigin) && Credentialed(p)),
            p => new Issue(ModuleKeys.Headers, HeadersCodes.CorsNullOriginWithCredentials, Severity.High,
                "CORS allows the 'null' origin with credentials",
                "Never allow the origin 'null'; sandboxed frames and data: pages of any attacker send it.",
                Evidence(p),
                "An attacker's sandboxed iframe sends Origin: null and can read responses with the visitor's cookies."));
        AddFirst(issues, answered.Where(p => p.Origin == ForeignOrigin && Allows(p, ForeignOrigin) && !Credentialed(p)),
            p => new Issue(ModuleKeys.Headers, HeadersCodes.CorsOriginReflected, Severity.Info,
                "CORS reflects any Origin (without credentials)",
                "Allow only the origins that need access, or use * deliberately for public resources.",
                Evidence(p),
                "Without credentials this exposes only what anyone can fetch anyway, like Access-Control-Allow-Origin: *."));
        AddFirst(issues, answered.Where(p => Allows(p, "*") && Credentialed(p)),
            p => new Issue(ModuleKeys.Headers, HeadersCodes.CorsWildcardWithCredentials, Severity.Info,
                "CORS sends * together with Access-Control-Allow-Credentials: true",
                "Drop Access-Control-Allow-Credentials or name the allowed origins explicitly.",
                Evidence(p),
                "Browsers refuse this combination, so it exposes nothing, but it shows the CORS configuration is not understood."));
        return CheckResult.From(Name, issues);
    }

    private static bool Allows(CorsProbeResult probe, string origin) =>
        probe.AllowOrigin.Count == 1 && string.Equals(probe.AllowOrigin[0].Trim(' ', '\t'), origin, StringComparison.Ordinal);

    private static bool Credentialed(CorsProbeResult probe) =>
        string.Equals(probe.AllowCredentials?.Trim(' ', '\t'), "true", StringComparison.Ordinal);

    private static string Evidence(CorsProbeResult probe) =>
        $"{probe.Label} → HTTP {probe.StatusCode}, Access-Control-Allow-Origin: {probe.AllowOrigin[0]}, Access-Control-Allow-Credentials: {probe.AllowCredentials ?? "(absent)"}";

    private static void AddFirst(List<Issue> issues, IEnumerable<CorsProbeResult> matches, Func<CorsProbeResult, Issue> issue)
    {
        var first = matches.FirstOrDefault();
        if (first is not null)
        {
            issues.Add(issue(first));
        }
    }
}
