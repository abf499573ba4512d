namespace ComplianceLayer.Scanning.Modules.Cookies;

/// <summary>Finding codes of the <c>cookies</c> module; the fingerprint subject is the cookie name. Never renamed once shipped.</summary>
public static class CookiesCodes
{
    public const string MissingSecure = "cookies.missing_secure";
    public const string MissingHttpOnly = "cookies.missing_httponly";
    public const string MissingSameSite = "cookies.missing_samesite";
    public const string SameSiteNoneWithoutSecure = "cookies.samesite_none_insecure";
    public const string PrefixViolation = "cookies.prefix_violation";
}
