namespace ComplianceLayer.Web.Features.Privacy.Deletion;

/// <summary>What deleting the organization removes, counted now, and its pending state if already requested.</summary>
public sealed record DeletionSummary(
    Guid OrganizationId,
    string OrganizationName,
    int Clients,
    int Domains,
    int Scans,
    int Findings,
    int Schedules,
    int ApiKeys,
    int Webhooks,
    int ApiRequestLogs,
    int Members,
    int UsersRemoved,
    bool HasSubscription,
    TimeSpan GracePeriod,
    PendingDeletion? Pending);

/// <summary>A requested deletion, completed at <see cref="DueAt"/> unless an Owner undoes it before.</summary>
public sealed record PendingDeletion(DateTimeOffset RequestedAt, DateTimeOffset DueAt, bool CanUndo);

public sealed record DeletionConfirmation(string Password, string OrganizationName);

/// <summary>What a completed deletion removed (counts only: the log line that reports it holds no personal data).</summary>
public sealed record PurgeResult(
    Guid OrganizationId,
    int Clients,
    int Domains,
    int Scans,
    int Findings,
    int Schedules,
    int ApiKeys,
    int Webhooks,
    int WebhookDeliveries,
    int ApiRequestLogs,
    int Invitations,
    int AuditEvents,
    int Memberships,
    int UsersDeleted,
    int UsersSignedOut);
