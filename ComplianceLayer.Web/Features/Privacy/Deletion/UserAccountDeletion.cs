using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Settings;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy.Deletion;

/// <summary>
/// A user deletes their own user account (not an organization): refused while they are the last Owner of any
/// organization, which would otherwise be left without anyone allowed to manage or delete it. Otherwise their
/// memberships and the user go in one transaction, with an audit event in each organization they left.
/// </summary>
public sealed class UserAccountDeletion(IServiceScopeFactory scopes, TimeProvider time, ILogger<UserAccountDeletion> logger)
{
    /// <summary>Organizations in which the user is the only Owner; empty when the user may delete their account.</summary>
    public async Task<IReadOnlyList<string>> BlockingOrganizationsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await BlockingAsync(db, userId, cancellationToken);
    }

    /// <summary>Deletes the user after checking the password; throws <see cref="ValidationFailedException"/> with the reason when refused.</summary>
    public async Task DeleteAsync(string userId, string? password, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new ValidationFailedException("Your account no longer exists.");
        if (await users.HasPasswordAsync(user) && !await users.CheckPasswordAsync(user, password ?? string.Empty))
        {
            throw new ValidationFailedException("The password is not correct.");
        }
        var blocking = await BlockingAsync(db, userId, cancellationToken);
        if (blocking.Count > 0)
        {
            throw new ValidationFailedException(
                $"You are the only Owner of {string.Join(", ", blocking)}. Make another member Owner first, or delete the organization " +
                "(Settings → Delete account); then you can delete your user account.");
        }

        var memberships = db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter]).Where(m => m.UserId == userId);
        var organizations = await memberships.CountAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        // One audit event in each organization the user leaves, written with the deletion in one transaction. The rows
        // name the account by its id only: the e-mail address is personal data that leaves with the user.
        await MembershipAudit.RecordInEveryOrganizationAsync(db, userId, "deleted user", "member.account_deleted",
            "A member deleted their user account and left the organization.", now, cancellationToken);
        await memberships.ExecuteDeleteAsync(cancellationToken);
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not delete the user: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("User {UserId} deleted their account and left {Organizations} organizations", userId, organizations);
    }

    private static async Task<List<string>> BlockingAsync(AppDbContext db, string userId, CancellationToken cancellationToken)
    {
        var all = db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter]);
        return await all
            .Where(m => m.UserId == userId && m.Role == OrganizationRole.Owner)
            .Where(m => !all.Any(o => o.OrganizationId == m.OrganizationId && o.Role == OrganizationRole.Owner && o.UserId != userId))
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => o.Name)
            .OrderBy(n => n)
            .ToListAsync(cancellationToken);
    }
}
