using ComplianceLayer.Domain.Tenancy;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplianceLayer.Web.Infrastructure.Data.Interceptors;

/// <summary>
/// Stamps the current tenant on every inserted tenant-owned row and refuses any insert, update or delete
/// of a row that belongs to another organization, or any such write with no tenant at all.
/// </summary>
public sealed class TenantSaveChangesInterceptor(ITenantContext tenant) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            var current = tenant.OrganizationId
                ?? throw new TenantViolationException($"Cannot save {entry.Metadata.ClrType.Name}: no organization is selected.");
            if (entry.State == EntityState.Added)
            {
                if (entry.Entity.OrganizationId == Guid.Empty)
                {
                    entry.Entity.OrganizationId = current;
                }
                else if (entry.Entity.OrganizationId != current)
                {
                    throw new TenantViolationException($"Cannot insert {entry.Metadata.ClrType.Name} into another organization.");
                }
                continue;
            }
            var property = entry.Property(nameof(ITenantOwned.OrganizationId));
            var original = (Guid)property.OriginalValue!;
            if (original != current || entry.Entity.OrganizationId != current)
            {
                throw new TenantViolationException($"Cannot {entry.State.ToString().ToLowerInvariant()} {entry.Metadata.ClrType.Name} of another organization.");
            }
        }
    }
}
