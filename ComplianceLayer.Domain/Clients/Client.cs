using ComplianceLayer.Domain.Tenancy;

namespace ComplianceLayer.Domain.Clients;

/// <summary>An MSP's customer, owning monitored domains.</summary>
public sealed class Client : ITenantOwned
{
    public const int NameMaxLength = 200;
    public const int NotesMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public string? ContactEmail { get; set; }

    public string? Notes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
