using ComplianceLayer.Domain.Organizations;

namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>The signed-in user as a member of the organization they are working in.</summary>
public sealed record MemberContext(Guid OrganizationId, string OrganizationName, string UserId, string Email, OrganizationRole Role)
{
    public bool Can(Capability capability) => RolePolicy.Allows(Role, capability);
}
