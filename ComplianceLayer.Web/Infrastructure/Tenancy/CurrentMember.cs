using System.Security.Claims;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>
/// Resolves the signed-in member once per scope (HTTP request or Blazor circuit) and sets the scope's tenant.
/// Every feature service starts an operation with <see cref="RequireAsync"/>: this is where roles are enforced.
/// </summary>
public sealed class CurrentMember(
    IServiceProvider services,
    IDbContextFactory<AppDbContext> dbFactory,
    TenantContext tenant)
{
    private MemberContext? _member;

    /// <summary>The member, re-read from the database on every call so role changes apply at once.</summary>
    public async Task<MemberContext?> TryGetAsync(CancellationToken cancellationToken)
    {
        var userId = await GetUserIdAsync();
        if (userId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await MembershipLookup.FindAsync(db, userId, cancellationToken);
        if (member is null)
        {
            return null;
        }
        if (_member is not null && _member.OrganizationId != member.OrganizationId)
        {
            // The user switched organization in another tab: this circuit keeps its tenant; reload to follow.
            throw new AccessDeniedException("You switched organization in another window. Reload the page to continue.");
        }
        tenant.Set(member.OrganizationId);
        member = member with { IpAddress = services.GetService<ClientAddress>()?.Value };
        _member = member;
        return member;
    }

    public async Task<MemberContext> RequireAsync(Capability capability, CancellationToken cancellationToken)
    {
        var member = await TryGetAsync(cancellationToken)
            ?? throw new AccessDeniedException("You are not a member of any organization.");
        if (!RolePolicy.Allows(member.Role, capability))
        {
            throw new AccessDeniedException(capability, member.Role);
        }
        if (!member.Can(capability))
        {
            throw new AccessDeniedException(PendingDeletionPolicy.ReadOnlyMessage);
        }
        return member;
    }

    private async Task<string?> GetUserIdAsync()
    {
        ClaimsPrincipal? user = null;
        var http = services.GetService<IHttpContextAccessor>()?.HttpContext;
        var auth = services.GetService<AuthenticationStateProvider>();
        if (auth is not null)
        {
            try
            {
                user = (await auth.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Outside a Razor component render (minimal API endpoint): the HTTP context has the user.
            }
        }
        user ??= http?.User;
        return user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }
}
