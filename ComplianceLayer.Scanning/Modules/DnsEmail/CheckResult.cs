using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

public enum CheckStatus
{
    Pass,
    Fail,
    NotTested,
}

/// <summary>What one pure check concluded: pass, fail with issues, or not tested with the reason.</summary>
public sealed record CheckResult(string Check, CheckStatus Status, IReadOnlyList<Issue> Issues, string? Reason)
{
    public static CheckResult Pass(string check, string? note = null) => new(check, CheckStatus.Pass, [], note);

    public static CheckResult NotTested(string check, string reason) => new(check, CheckStatus.NotTested, [], reason);

    /// <summary>Fail when there is any issue (info included: the report shows it), pass otherwise.</summary>
    public static CheckResult From(string check, IReadOnlyList<Issue> issues, string? note = null)
        => issues.Count == 0 ? Pass(check, note) : new(check, CheckStatus.Fail, issues, note);

    public static Issue Issue(string code, Severity severity, string title, string remediation, string evidence, string detail = "", string? subject = null)
        => new(ModuleKeys.DnsEmail, code, severity, title, remediation, evidence, detail, subject);
}
