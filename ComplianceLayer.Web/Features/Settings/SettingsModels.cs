namespace ComplianceLayer.Web.Features.Settings;

public sealed record ProfileDetails(string Email, bool EmailConfirmed, string? DisplayName);

public sealed record OrganizationDetails(Guid OrganizationId, string Name, string TimeZone);

public sealed record OrganizationDetailsInput(string Name, string TimeZone);
