namespace ComplianceLayer.Scanning.Modules.Waf;

/// <summary>Finding codes of the waf module; never renamed once shipped.</summary>
public static class WafCodes
{
    /// <summary>No WAF identified in front of the web site (heuristic: a WAF may be present without identifying itself).</summary>
    public const string NotDetected = "waf.not_detected";
}
