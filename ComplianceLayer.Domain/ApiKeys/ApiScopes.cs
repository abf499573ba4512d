namespace ComplianceLayer.Domain.ApiKeys;

/// <summary>What an API key may do. Stored on the key as these exact strings.</summary>
public static class ApiScopes
{
    public const string ScanWrite = "scan:write";
    public const string ScanRead = "scan:read";
    public const string ReportsRead = "reports:read";

    public static IReadOnlyList<string> All { get; } = [ScanWrite, ScanRead, ReportsRead];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    public static string Describe(string scope) => scope switch
    {
        ScanWrite => "Start scans (and add the domain when it is new)",
        ScanRead => "Read scan jobs, domains and scan history",
        ReportsRead => "Read reports",
        _ => scope,
    };
}
