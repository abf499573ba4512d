using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy.Export;

/// <summary>Deletes the files of exports whose link has expired and marks them expired, one organization at a time.</summary>
public sealed class ExportExpirySweeper(IServiceScopeFactory scopes, ExportFiles files, TimeProvider time, ILogger<ExportExpirySweeper> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Guid> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            // Across tenants on purpose (a system sweep); the changes below are made in each organization's own scope.
            organizations = await db.ExportRequests.IgnoreQueryFilters([AppDbContext.TenantFilter])
                .Where(e => e.Status == ExportStatus.Completed && e.ExpiresAt <= now)
                .Select(e => e.OrganizationId).Distinct().ToListAsync(cancellationToken);
        }
        var expired = 0;
        foreach (var organizationId in organizations)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organizationId);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
            var requests = await db.ExportRequests.Where(e => e.Status == ExportStatus.Completed && e.ExpiresAt <= now).ToListAsync(cancellationToken);
            foreach (var request in requests)
            {
                files.Delete(request.FileName);
                request.Expire();
            }
            await db.SaveChangesAsync(cancellationToken);
            expired += requests.Count;
        }
        if (expired > 0)
        {
            logger.LogInformation("Deleted {Count} expired export files", expired);
        }
        return expired;
    }
}
