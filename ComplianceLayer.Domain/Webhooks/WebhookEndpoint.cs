using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Webhooks;

/// <summary>The events a webhook endpoint can subscribe to.</summary>
public static class WebhookEvents
{
    public const string ScanCompleted = "scan.completed";
    public const string ScanFailed = "scan.failed";

    /// <summary>Sent by "send test event" only; every endpoint receives it regardless of its subscriptions.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> Subscribable = [ScanCompleted, ScanFailed];

    public static bool IsSubscribable(string value) => Subscribable.Contains(value, StringComparer.Ordinal);
}

/// <summary>
/// An HTTPS endpoint of an organization that receives signed scan events. The signing secret is stored only
/// encrypted with ASP.NET Data Protection (HMAC needs the raw secret, so a hash would not do); it is shown once.
/// </summary>
public sealed class WebhookEndpoint : ITenantOwned
{
    public const int UrlMaxLength = 2000;
    public const string SecretPrefix = "whsec_";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public required string Url { get; set; }

    public required List<string> Events { get; set; }

    /// <summary>The secret, protected with Data Protection; never the plaintext.</summary>
    public required string SecretEncrypted { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }

    public string? CreatedByUserId { get; init; }

    public bool Subscribes(string eventType) => Events.Contains(eventType, StringComparer.Ordinal);
}

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
    Exhausted,
}

/// <summary>One event for one endpoint, with the outcome of its latest attempt. Attempts are Quartz triggers.</summary>
public sealed class WebhookDelivery : ITenantOwned
{
    public const int ErrorMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public Guid EndpointId { get; set; }

    /// <summary>Identifies the event; the same for every endpoint receiving it.</summary>
    public Guid EventId { get; set; }

    public required string EventType { get; set; }

    public required string PayloadJson { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
