using ComplianceLayer.Domain.Webhooks;

namespace ComplianceLayer.Web.Features.Webhooks;

public sealed record WebhookInput(string? Url, IReadOnlyList<string> Events);

public sealed record WebhookEndpointRow(
    Guid Id, string Url, IReadOnlyList<string> Events, bool Enabled, string? CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A new endpoint and its signing secret: the only time the secret is shown.</summary>
public sealed record WebhookCreated(WebhookEndpointRow Endpoint, string Secret);

public sealed record WebhookDeliveryRow(
    Guid Id, Guid EventId, string EventType, WebhookDeliveryStatus Status, int Attempt, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);
