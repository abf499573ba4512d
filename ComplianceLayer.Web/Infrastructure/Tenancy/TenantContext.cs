namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>Scoped holder of the current tenant. Set once per scope (request, circuit operation, job, API call).</summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? OrganizationId { get; private set; }

    /// <summary>Sets the tenant. Switching a scope to another tenant is a bug, so it throws.</summary>
    public void Set(Guid organizationId)
    {
        if (OrganizationId is { } current && current != organizationId)
        {
            throw new InvalidOperationException("This scope already belongs to another organization.");
        }
        OrganizationId = organizationId;
    }
}
