using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.Ssl.Checks;

internal static class SslIssue
{
    public static Issue Create(string code, Severity severity, string title, string remediation, string evidence, string detail = "", string? subject = null)
        => new(ModuleKeys.Ssl, code, severity, title, remediation, evidence, detail, subject);
}
