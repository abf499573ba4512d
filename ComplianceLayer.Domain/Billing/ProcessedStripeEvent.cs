namespace ComplianceLayer.Domain.Billing;

/// <summary>A Stripe webhook event already applied: its id is the primary key, so a re-delivery changes nothing.</summary>
public sealed class ProcessedStripeEvent
{
    public const int EventIdMaxLength = 64;

    public required string EventId { get; set; }

    public required string Type { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
