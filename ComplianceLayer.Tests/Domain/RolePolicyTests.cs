using ComplianceLayer.Domain.Organizations;

namespace ComplianceLayer.Tests.Domain;

public sealed class RolePolicyTests
{
    private const OrganizationRole V = OrganizationRole.Viewer;
    private const OrganizationRole T = OrganizationRole.Technician;
    private const OrganizationRole A = OrganizationRole.Admin;
    private const OrganizationRole O = OrganizationRole.Owner;

    /// <summary>Written out by hand on purpose: the test must fail when someone edits the policy by accident.</summary>
    public static TheoryData<Capability, OrganizationRole, bool> Table => new()
    {
        { Capability.ViewData, V, true }, { Capability.ViewData, T, true }, { Capability.ViewData, A, true }, { Capability.ViewData, O, true },
        { Capability.ManageClients, V, false }, { Capability.ManageClients, T, true }, { Capability.ManageClients, A, true }, { Capability.ManageClients, O, true },
        { Capability.ManageDomains, V, false }, { Capability.ManageDomains, T, true }, { Capability.ManageDomains, A, true }, { Capability.ManageDomains, O, true },
        { Capability.RunScans, V, false }, { Capability.RunScans, T, true }, { Capability.RunScans, A, true }, { Capability.RunScans, O, true },
        { Capability.ManageSchedules, V, false }, { Capability.ManageSchedules, T, false }, { Capability.ManageSchedules, A, true }, { Capability.ManageSchedules, O, true },
        { Capability.ManageMembers, V, false }, { Capability.ManageMembers, T, false }, { Capability.ManageMembers, A, true }, { Capability.ManageMembers, O, true },
        { Capability.ManageApiKeys, V, false }, { Capability.ManageApiKeys, T, false }, { Capability.ManageApiKeys, A, true }, { Capability.ManageApiKeys, O, true },
        { Capability.ViewAuditLog, V, false }, { Capability.ViewAuditLog, T, false }, { Capability.ViewAuditLog, A, true }, { Capability.ViewAuditLog, O, true },
        { Capability.ManageBilling, V, false }, { Capability.ManageBilling, T, false }, { Capability.ManageBilling, A, false }, { Capability.ManageBilling, O, true },
        { Capability.ExportData, V, false }, { Capability.ExportData, T, true }, { Capability.ExportData, A, true }, { Capability.ExportData, O, true },
        { Capability.DeleteOrganization, V, false }, { Capability.DeleteOrganization, T, false }, { Capability.DeleteOrganization, A, false }, { Capability.DeleteOrganization, O, true },
        { Capability.ManageOrganization, V, false }, { Capability.ManageOrganization, T, false }, { Capability.ManageOrganization, A, false }, { Capability.ManageOrganization, O, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Allows_CapabilityAndRole_MatchesTable(Capability capability, OrganizationRole role, bool expected) =>
        Assert.Equal(expected, RolePolicy.Allows(role, capability));

    [Fact]
    public void Table_CoversEveryCapabilityAndRole()
    {
        var covered = Table.Select(row => ((Capability)row[0], (OrganizationRole)row[1])).ToHashSet();
        var all = Enum.GetValues<Capability>().SelectMany(c => Enum.GetValues<OrganizationRole>().Select(r => (c, r)));
        Assert.All(all, pair => Assert.Contains(pair, covered));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void MinimumRole_IsTheLowestRoleAllowed(Capability capability, OrganizationRole role, bool expected) =>
        Assert.Equal(expected, role >= RolePolicy.MinimumRole(capability));

    public static TheoryData<OrganizationRole, OrganizationRole?, OrganizationRole, bool> AssignTable => new()
    {
        // Viewers and Technicians assign nothing.
        { V, null, V, false }, { V, T, V, false }, { T, null, V, false }, { T, V, T, false },
        // Admins manage Admins and below, never Owners.
        { A, null, V, true }, { A, null, T, true }, { A, null, A, true }, { A, null, O, false },
        { A, V, A, true }, { A, A, V, true }, { A, T, O, false }, { A, O, A, false }, { A, O, O, false },
        // Owners may do anything.
        { O, null, O, true }, { O, V, O, true }, { O, O, V, true }, { O, A, T, true },
    };

    [Theory]
    [MemberData(nameof(AssignTable))]
    public void CanAssign_ActorCurrentNew_MatchesTable(OrganizationRole actor, OrganizationRole? current, OrganizationRole newRole, bool expected) =>
        Assert.Equal(expected, RolePolicy.CanAssign(actor, current, newRole));
}
