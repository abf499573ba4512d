using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>
/// Finds which organization a user works in and with what role, straight from the database, so that a
/// removed member or a changed role takes effect on the next operation, not when a cookie expires.
/// </summary>
public static class MembershipLookup
{
    public static async Task<MemberContext?> FindAsync(AppDbContext db, string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Email, u.CurrentOrganizationId })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }
        var memberships = db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m.OrganizationId, o.Name, m.Role, m.CreatedAt, o.DeletionDueAt });
        // The organization the user switched to, else the oldest membership.
        var chosen = await memberships
            .OrderByDescending(m => m.OrganizationId == user.CurrentOrganizationId)
            .ThenBy(m => m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return chosen is null
            ? null
            : new MemberContext(chosen.OrganizationId, chosen.Name, userId, user.Email ?? string.Empty, chosen.Role)
            {
                DeletionDueAt = chosen.DeletionDueAt,
            };
    }

    public static Task<List<OrganizationChoice>> ListOrganizationsAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { o.Id, o.Name, m.Role })
            // Order before projecting: EF cannot translate an OrderBy over a record built in the query.
            .OrderBy(o => o.Name)
            .Select(o => new OrganizationChoice(o.Id, o.Name, o.Role))
            .ToListAsync(cancellationToken);
}

public sealed record OrganizationChoice(Guid OrganizationId, string Name, OrganizationRole Role);
