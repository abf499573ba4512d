using ComplianceLayer.Domain.Scans;

namespace ComplianceLayer.Web.Features.Scans;

public sealed record ScanListQuery(
    ScanStatus? Status = null,
    Guid? ClientId = null,
    Guid? DomainId = null,
    ScanTrigger? Trigger = null,
    int Page = 0,
    int PageSize = 25);

public sealed record ScanRow(
    Guid Id,
    string JobId,
    Guid DomainId,
    string DomainName,
    Guid ClientId,
    string ClientName,
    ScanStatus Status,
    ScanTrigger Trigger,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? Score,
    string? Grade,
    string? FailureReason)
{
    /// <summary>Run time for a finished scan, time so far for a running one.</summary>
    public TimeSpan? Duration(DateTimeOffset now) =>
        StartedAt is { } started ? (FinishedAt ?? now) - started : null;
}

public sealed record ScanPage(IReadOnlyList<ScanRow> Items, int Total);
