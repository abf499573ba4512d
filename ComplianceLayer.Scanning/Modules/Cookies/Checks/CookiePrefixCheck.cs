using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Cookies.Checks;

/// <summary>
/// Cookie name prefixes (RFC 6265bis §4.1.3): __Secure- needs Secure and an HTTPS origin; __Host- also needs Path=/
/// and no Domain. Browsers reject violating cookies (matching the prefix case-insensitively), so the protection the
/// name promises is absent and the cookie is not stored.
/// </summary>
public static class CookiePrefixCheck
{
    public static bool Violates(ObservedCookie observed) => Violation(observed) is not null;

    public static IReadOnlyList<Issue> Run(CookiesFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var issues = new List<Issue>();
        foreach (var observed in facts.Cookies.Where(c => !c.Cookie.IsDeletion(facts.Now)))
        {
            if (Violation(observed) is { } reason)
            {
                var subject = CookieNames.Subject(observed.Cookie.Name);
                issues.Add(new Issue(ModuleKeys.Cookies, CookiesCodes.PrefixViolation, Severity.Low,
                    $"Cookie '{subject}' breaks the rules of its name prefix",
                    "Give __Secure- cookies the Secure attribute; give __Host- cookies Secure, Path=/ and no Domain, and set them over HTTPS.",
                    $"Set-Cookie: {observed.Cookie.Redacted} (from {observed.SetBy}): {reason}",
                    "Browsers reject the cookie, so the site either does not work as intended or relies on a cookie it never gets.", subject));
            }
        }

        return CookieFlagsCheck.Distinct(issues);
    }

    private static string? Violation(ObservedCookie observed)
    {
        var cookie = observed.Cookie;
        var isHost = cookie.Name.StartsWith("__Host-", StringComparison.OrdinalIgnoreCase);
        if (!isHost && !cookie.Name.StartsWith("__Secure-", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var problems = new List<string>();
        if (!cookie.Secure)
        {
            problems.Add("no Secure attribute");
        }

        if (!observed.SetOverHttps)
        {
            problems.Add("set over plain HTTP");
        }

        if (isHost && cookie.Domain is not null)
        {
            problems.Add("__Host- cookie with a Domain attribute");
        }

        if (isHost && cookie.Path != "/")
        {
            problems.Add("__Host- cookie without Path=/");
        }

        return problems.Count == 0 ? null : string.Join(", ", problems);
    }
}
