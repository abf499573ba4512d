namespace ComplianceLayer.Scanning.Modules.Cookies;

/// <summary>
/// Name heuristics. Session-looking cookies (the MDN Observatory uses "login"/"sess"; we add common framework names and
/// auth/token/jwt) weigh more. CSRF tokens are exempt from the session rule: double-submit tokens are meant to be
/// readable by script, so HttpOnly would break them.
/// </summary>
public static class CookieNames
{
    private static readonly string[] SessionParts = ["sess", "login", "auth", "token", "jwt"];

    private static readonly string[] SessionTokens = ["sid", "connect.sid", "session", "identity"];

    public static bool IsCsrf(string name) =>
        name.Contains("csrf", StringComparison.OrdinalIgnoreCase) || name.Contains("xsrf", StringComparison.OrdinalIgnoreCase);

    public static bool IsSessionLike(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsCsrf(name))
        {
            return false;
        }

        var lower = name.ToLowerInvariant();
        if (SessionParts.Any(p => lower.Contains(p, StringComparison.Ordinal)))
        {
            return true;
        }

        // "sid" only as a whole word (connect.sid, __Host-sid, wp_sid), not inside "side" or "inside".
        var words = lower.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => SessionTokens.Contains(w, StringComparer.Ordinal)) || lower.EndsWith("sid", StringComparison.Ordinal);
    }

    /// <summary>The fingerprint subject: the name, or a placeholder for a nameless cookie.</summary>
    public static string Subject(string name)
    {
        var clean = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? "(no name)" : clean.Length > 200 ? clean[..200] : clean;
    }
}
