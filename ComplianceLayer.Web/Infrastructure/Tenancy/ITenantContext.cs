namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>
/// The organization whose data this scope may see. Null means none: tenant-owned queries return nothing
/// and tenant-owned writes are refused (fail closed).
/// </summary>
public interface ITenantContext
{
    Guid? OrganizationId { get; }
}
