namespace ComplianceLayer.Domain.Organizations;

/// <summary>The one table of who may do what. Pages, services and the API all ask it.</summary>
public static class RolePolicy
{
    private static readonly Dictionary<Capability, OrganizationRole> Minimum = new()
    {
        [Capability.ViewData] = OrganizationRole.Viewer,
        [Capability.ManageClients] = OrganizationRole.Technician,
        [Capability.ManageDomains] = OrganizationRole.Technician,
        [Capability.RunScans] = OrganizationRole.Technician,
        [Capability.ManageSchedules] = OrganizationRole.Admin,
        [Capability.ManageMembers] = OrganizationRole.Admin,
        [Capability.ManageApiKeys] = OrganizationRole.Admin,
        [Capability.ViewAuditLog] = OrganizationRole.Admin,
        [Capability.ManageBilling] = OrganizationRole.Owner,
        [Capability.ExportData] = OrganizationRole.Technician,
        [Capability.DeleteOrganization] = OrganizationRole.Owner,
        [Capability.ManageOrganization] = OrganizationRole.Owner,
    };

    public static OrganizationRole MinimumRole(Capability capability) => Minimum[capability];

    public static bool Allows(OrganizationRole role, Capability capability) => role >= Minimum[capability];

    /// <summary>
    /// Whether <paramref name="actor"/> may give a member <paramref name="newRole"/> when that member now has
    /// <paramref name="currentRole"/> (null for an invitation). Admins manage Admins and below; only Owners touch Owners.
    /// </summary>
    public static bool CanAssign(OrganizationRole actor, OrganizationRole? currentRole, OrganizationRole newRole)
    {
        if (!Allows(actor, Capability.ManageMembers))
        {
            return false;
        }
        if (actor == OrganizationRole.Owner)
        {
            return true;
        }
        return newRole != OrganizationRole.Owner && currentRole != OrganizationRole.Owner;
    }
}
