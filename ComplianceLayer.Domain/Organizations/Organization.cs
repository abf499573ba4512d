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

    public DateTimeOffset CreatedAt { get; set; }
}
