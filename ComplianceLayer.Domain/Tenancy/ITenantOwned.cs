namespace ComplianceLayer.Domain.Tenancy;

/// <summary>A row that belongs to exactly one organization (tenant). Stamped on insert, never changed.</summary>
public interface ITenantOwned
{
    Guid OrganizationId { get; set; }
}
