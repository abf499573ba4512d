namespace ComplianceLayer.Domain.Organizations;

/// <summary>Roles in ascending order of power: a higher value includes everything a lower one may do.</summary>
public enum OrganizationRole
{
    Viewer = 0,
    Technician = 1,
    Admin = 2,
    Owner = 3,
}
