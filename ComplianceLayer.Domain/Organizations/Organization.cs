using ComplianceLayer.Domain.Billing;

namespace ComplianceLayer.Domain.Organizations;

/// <summary>The tenant: an MSP account that pays.</summary>
public sealed class Organization
{
    public const int NameMaxLength = 120;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>IANA time zone id used for schedules and dates shown to the organization.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Plan code from configuration (Billing:Plans); a new organization starts on the trial.</summary>
    public string PlanCode { get; set; } = "trial";

    public SubscriptionStatus SubscriptionStatus { get; set; } = SubscriptionStatus.Trialing;

    /// <summary>End of the paid period (or of the trial); a canceled organization is read-only after it.</summary>
    public DateTimeOffset? CurrentPeriodEnd { get; set; }

    /// <summary>When the subscription first became past_due; the grace period runs from here. Null otherwise.</summary>
    public DateTimeOffset? PastDueSince { get; set; }

    public string? StripeCustomerId { get; set; }

    public string? StripeSubscriptionId { get; set; }

    /// <summary>When the Owner asked to delete the account; null when no deletion is pending.</summary>
    public DateTimeOffset? DeletionRequestedAt { get; set; }

    /// <summary>When the deletion job completes a pending deletion (the end of the undo grace period).</summary>
    public DateTimeOffset? DeletionDueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
