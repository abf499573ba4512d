namespace ComplianceLayer.Web.Features.Billing;

/// <summary>Which kind of plan rule refused an action; the API maps it to a status code.</summary>
public enum PlanLimitKind
{
    /// <summary>The plan does not include the feature (API access, schedules, a cadence): 402.</summary>
    NotInPlan,

    /// <summary>A count limit (domains) is reached: 402, an upgrade lifts it.</summary>
    LimitReached,

    /// <summary>The period's quota (scans) is used up: 429 with Retry-After at the reset.</summary>
    QuotaExceeded,

    /// <summary>The organization is read-only (trial over, payment overdue, canceled): 402.</summary>
    ReadOnly,
}

/// <summary>
/// An action the organization's plan or subscription state does not allow. The message says which limit, the usage
/// and, for quotas, when it resets; pages show it as is, the API as problem+json.
/// </summary>
public sealed class PlanLimitExceededException(PlanLimitKind kind, string message, DateTimeOffset? resetsAt = null) : Exception(message)
{
    public PlanLimitKind Kind { get; } = kind;

    /// <summary>When the quota resets (quotas only).</summary>
    public DateTimeOffset? ResetsAt { get; } = resetsAt;
}
