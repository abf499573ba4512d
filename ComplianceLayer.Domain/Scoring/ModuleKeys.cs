namespace ComplianceLayer.Domain.Scoring;

/// <summary>Module keys exactly as the report's <c>modules</c> object uses them; each names a folder under <c>Scanning/Modules</c>.</summary>
public static class ModuleKeys
{
    public const string Ssl = "ssl";
    public const string Headers = "headers";
    public const string DnsEmail = "dns_email";
    public const string Ports = "ports";
    public const string Cookies = "cookies";
    public const string Dnssec = "dnssec";
    public const string Waf = "waf";
    public const string JsAudit = "js_audit";
    public const string Subdomains = "subdomains";
    public const string Blacklists = "blacklists";
    public const string Reputation = "reputation";
    public const string Breaches = "breaches";
    public const string Whois = "whois";
    public const string Trackers = "trackers";
    public const string TechStack = "tech_stack";

    /// <summary>All keys in report order: by weight, then tier 3.</summary>
    public static IReadOnlyList<string> All { get; } = ScoringPolicy.Modules.Select(m => m.Key).ToArray();

    public static bool IsKnown(string? key) => key is not null && ScoringPolicy.TryGetModule(key, out _);
}
