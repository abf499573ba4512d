using System.Security.Claims;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>A page or endpoint needs the member's role to allow <see cref="Capability"/>.</summary>
public sealed record CapabilityRequirement(Capability Capability) : IAuthorizationRequirement;

/// <summary>Checks the role from the database (not from claims), so that it is never stale.</summary>
public sealed class CapabilityAuthorizationHandler(IDbContextFactory<AppDbContext> dbFactory)
    : AuthorizationHandler<CapabilityRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CapabilityRequirement requirement)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var member = await MembershipLookup.FindAsync(db, userId, CancellationToken.None);
        if (member is not null && member.Can(requirement.Capability))
        {
            context.Succeed(requirement);
        }
    }
}

public static class Policies
{
    public const string ViewData = "cap:" + nameof(Capability.ViewData);
    public const string ManageClients = "cap:" + nameof(Capability.ManageClients);
    public const string ManageDomains = "cap:" + nameof(Capability.ManageDomains);
    public const string RunScans = "cap:" + nameof(Capability.RunScans);
    public const string ManageSchedules = "cap:" + nameof(Capability.ManageSchedules);
    public const string ManageMembers = "cap:" + nameof(Capability.ManageMembers);
    public const string ManageApiKeys = "cap:" + nameof(Capability.ManageApiKeys);
    public const string ViewAuditLog = "cap:" + nameof(Capability.ViewAuditLog);
    public const string ManageBilling = "cap:" + nameof(Capability.ManageBilling);
    public const string ExportData = "cap:" + nameof(Capability.ExportData);
    public const string DeleteOrganization = "cap:" + nameof(Capability.DeleteOrganization);
    public const string ManageOrganization = "cap:" + nameof(Capability.ManageOrganization);

    public static string For(Capability capability) => "cap:" + capability;
}
