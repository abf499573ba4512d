namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>Finding codes of the <c>js_audit</c> module. Never renamed once shipped.</summary>
public static class JsAuditCodes
{
    /// <summary>A library version with a known exploitable vulnerability (a CVE, severity medium or higher); subject <c>library@version</c>.</summary>
    public const string Vulnerable = "js_audit.vulnerable";
}
