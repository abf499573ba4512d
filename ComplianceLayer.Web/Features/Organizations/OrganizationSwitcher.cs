using System.Security.Claims;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Organizations;

/// <summary>The signed-in user's organizations, and which one is current.</summary>
public sealed record OrganizationMenu(IReadOnlyList<OrganizationChoice> Organizations, Guid? CurrentOrganizationId);

/// <summary>
/// Lets a user who belongs to several organizations choose the one they work in. A switch takes effect in a new
/// circuit (the caller reloads the page), because a scope's tenant never changes.
/// </summary>
public sealed class OrganizationSwitcher(IDbContextFactory<AppDbContext> dbFactory, AuthenticationStateProvider authentication)
{
    public async Task<OrganizationMenu> ListAsync(CancellationToken cancellationToken)
    {
        var userId = await GetUserIdAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organizations = await MembershipLookup.ListOrganizationsAsync(db, userId, cancellationToken);
        var current = await MembershipLookup.FindAsync(db, userId, cancellationToken);
        return new OrganizationMenu(organizations, current?.OrganizationId);
    }

    public async Task SwitchAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var userId = await GetUserIdAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var isMember = await db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter])
            .AnyAsync(m => m.UserId == userId && m.OrganizationId == organizationId, cancellationToken);
        if (!isMember)
        {
            throw new AccessDeniedException("You are not a member of that organization.");
        }
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.CurrentOrganizationId = organizationId;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<string> GetUserIdAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.Identity?.IsAuthenticated == true
            ? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new AccessDeniedException("Sign in first.")
            : throw new AccessDeniedException("Sign in first.");
    }
}
