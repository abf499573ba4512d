using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Scanning.Modules.Headers;

public enum CheckStatus
{
    Pass,
    Fail,
    NotApplicable,
    NotTested,
}

/// <summary>What one pure check concluded: pass, fail with issues, or not tested / not applicable with the reason.</summary>
public sealed record CheckResult(string Check, CheckStatus Status, IReadOnlyList<Issue> Issues, string? Reason = null)
{
    public static CheckResult Pass(string check) => new(check, CheckStatus.Pass, []);

    /// <summary>Fail when any issue costs points; info-only issues leave the check passed.</summary>
    public static CheckResult From(string check, IReadOnlyList<Issue> issues) =>
        new(check, issues.Any(i => i.Severity != Severity.Info) ? CheckStatus.Fail : CheckStatus.Pass, issues);

    public static CheckResult NotApplicable(string check, string reason, params Issue[] issues) => new(check, CheckStatus.NotApplicable, issues, reason);

    public static CheckResult NotTested(string check, string reason) => new(check, CheckStatus.NotTested, [], reason);
}
