using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Domain.Reports;

/// <summary>One issue as the report shows it; <see cref="Finding"/> is the issue's title.</summary>
public sealed record ReportIssue
{
    public required string Code { get; init; }

    public required string Fingerprint { get; init; }

    public required Severity Severity { get; init; }

    public required string Finding { get; init; }

    public required string Detail { get; init; }

    public required string Remediation { get; init; }

    public required string Evidence { get; init; }

    public required string Module { get; init; }

    public static ReportIssue From(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new ReportIssue
        {
            Code = issue.Code,
            Fingerprint = issue.Fingerprint,
            Severity = issue.Severity,
            Finding = issue.Title,
            Detail = issue.Detail,
            Remediation = issue.Remediation,
            Evidence = issue.Evidence,
            Module = issue.Module,
        };
    }
}
