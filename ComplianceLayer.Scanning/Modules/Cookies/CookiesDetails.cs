using System.Globalization;
using System.Text.Json.Nodes;

namespace ComplianceLayer.Scanning.Modules.Cookies;

/// <summary>The module's <c>details</c>: each cookie's name, flags and scope. Never the value.</summary>
public static class CookiesDetails
{
    public static JsonObject Build(CookiesFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var details = new JsonObject
        {
            ["source"] = facts.SiteIsHttps ? "https" : "http",
            ["final_url"] = facts.FinalUrl.ToString(),
            ["cookie_count"] = facts.Cookies.Count,
            ["hsts_active"] = facts.HstsActive,
            ["cookies"] = new JsonArray([.. facts.Cookies.Select(c => (JsonNode)Cookie(c, facts.Now))]),
        };
        if (facts.Cookies.Count == 0)
        {
            details["summary"] = "The home page and its redirects set no cookies.";
        }

        if (facts.Unparsable > 0)
        {
            details["ignored_set_cookie"] = facts.Unparsable;
        }

        return details;
    }

    private static JsonObject Cookie(ObservedCookie observed, DateTimeOffset now)
    {
        var c = observed.Cookie;
        return new JsonObject
        {
            ["name"] = c.Name,
            ["set_by"] = observed.SetBy.ToString(),
            ["secure"] = c.Secure,
            ["http_only"] = c.HttpOnly,
            ["same_site"] = c.SameSite,
            ["domain"] = c.Domain,
            ["path"] = c.Path,
            ["expires"] = c.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? c.Expires,
            ["max_age"] = c.MaxAge,
            ["persistent"] = c.MaxAge is not null || c.Expires is not null,
            ["deleted"] = c.IsDeletion(now),
            ["session_like"] = CookieNames.IsSessionLike(c.Name),
            ["partitioned"] = c.Partitioned,
        };
    }
}
