using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Cookies.Checks;

/// <summary>
/// Secure, HttpOnly and SameSite per cookie, weighed as the MDN Observatory does: session cookies without Secure or
/// HttpOnly are its worst results (medium here), HSTS softens a missing Secure (low), a non-session cookie readable
/// by script is normal (info), and a missing SameSite matters for session and anti-CSRF cookies (low) more than for
/// others (info). A cookie that browsers reject outright (bad prefix, SameSite=None without Secure) is reported once,
/// by <see cref="CookiePrefixCheck"/> or as <see cref="CookiesCodes.SameSiteNoneWithoutSecure"/>.
/// </summary>
public static class CookieFlagsCheck
{
    public static IReadOnlyList<Issue> Run(CookiesFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var issues = new List<Issue>();
        foreach (var observed in facts.Cookies.Where(c => !c.Cookie.IsDeletion(facts.Now) && !CookiePrefixCheck.Violates(c)))
        {
            var cookie = observed.Cookie;
            var session = CookieNames.IsSessionLike(cookie.Name);
            var kind = session ? "Session cookie" : "Cookie";
            var subject = CookieNames.Subject(cookie.Name);
            var evidence = $"Set-Cookie: {cookie.Redacted} (from {observed.SetBy})";

            if (cookie.SameSiteNone && !cookie.Secure)
            {
                issues.Add(new Issue(ModuleKeys.Cookies, CookiesCodes.SameSiteNoneWithoutSecure, session ? Severity.Medium : Severity.Low,
                    $"{kind} '{subject}' has SameSite=None without Secure",
                    "Add Secure to every SameSite=None cookie (or use SameSite=Lax).",
                    evidence, "Browsers reject SameSite=None cookies without Secure; where accepted they are sent cross-site over plain HTTP.", subject));
                continue;
            }

            if (facts.SiteIsHttps && observed.SetOverHttps && !cookie.Secure)
            {
                var severity = session && !facts.HstsActive ? Severity.Medium : Severity.Low;
                issues.Add(new Issue(ModuleKeys.Cookies, CookiesCodes.MissingSecure, severity,
                    $"{kind} '{subject}' is missing the Secure flag",
                    "Set the Secure attribute on every cookie of an HTTPS site.",
                    evidence,
                    "Without Secure the browser also sends the cookie over plain HTTP, where a network attacker can read it"
                    + (facts.HstsActive ? " (HSTS on the site reduces, but does not remove, that exposure)." : "."), subject));
            }

            if (!cookie.HttpOnly && !CookieNames.IsCsrf(cookie.Name))
            {
                issues.Add(new Issue(ModuleKeys.Cookies, CookiesCodes.MissingHttpOnly, session ? Severity.Medium : Severity.Info,
                    $"{kind} '{subject}' is missing the HttpOnly flag",
                    session ? "Set HttpOnly on session cookies." : "Set HttpOnly unless the site's scripts need to read this cookie.",
                    evidence,
                    session ? "Script injected through XSS can read a session cookie without HttpOnly and take over the session."
                            : "Cookies that scripts do not need should not be readable by them.", subject));
            }

            if (!cookie.HasValidSameSite)
            {
                var matters = session || CookieNames.IsCsrf(cookie.Name);
                issues.Add(new Issue(ModuleKeys.Cookies, CookiesCodes.MissingSameSite, matters ? Severity.Low : Severity.Info,
                    $"{kind} '{subject}' has no SameSite attribute" + (cookie.SameSite is null ? "" : $" (invalid value '{cookie.SameSite}')"),
                    "Set SameSite=Lax (or Strict) explicitly.",
                    evidence,
                    "Chrome treats such cookies as Lax, but Firefox and Safari send them on cross-site requests, which enables CSRF.", subject));
            }
        }

        return Distinct(issues);
    }

    /// <summary>One issue per fingerprint: a cookie set on several hops is reported once, from its first occurrence.</summary>
    internal static IReadOnlyList<Issue> Distinct(IEnumerable<Issue> issues) =>
        [.. issues.GroupBy(i => i.Fingerprint, StringComparer.Ordinal).Select(g => g.First())];
}
