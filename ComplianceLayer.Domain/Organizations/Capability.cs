namespace ComplianceLayer.Domain.Organizations;

/// <summary>What a member may do. <see cref="RolePolicy"/> says which role each needs.</summary>
public enum Capability
{
    ViewData,
    ManageClients,
    ManageDomains,
    RunScans,
    ManageSchedules,
    ManageMembers,
    ManageApiKeys,
    ViewAuditLog,
    ManageBilling,
    ExportData,
    DeleteOrganization,
    ManageOrganization,
}
