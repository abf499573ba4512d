using ComplianceLayer.Domain.Organizations;

namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>The member's role does not allow the action. Shown to the user as a clear message.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException(Capability capability, OrganizationRole role)
        : base($"Your role ({role}) does not allow this. It needs {RolePolicy.MinimumRole(capability)} or higher.")
    {
        Capability = capability;
    }

    public AccessDeniedException(string message) : base(message)
    {
    }

    public Capability? Capability { get; }
}
