using ComplianceLayer.Domain.Retention;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy;

/// <summary>Deletes API request log rows older than the privacy policy's 90 days, for every organization at once.</summary>
public sealed class ApiRequestLogRetention(IServiceScopeFactory scopes, TimeProvider time, ILogger<ApiRequestLogRetention> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - RetentionPolicy.ApiRequestLogs;
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        // One age rule for all tenants, so this maintenance delete deliberately spans organizations.
        var deleted = await db.ApiRequestLogs.IgnoreQueryFilters([AppDbContext.TenantFilter])
            .Where(l => l.OccurredAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Retention: deleted {Rows} API request log rows older than {Cutoff:yyyy-MM-dd}", deleted, cutoff);
        }
        return deleted;
    }
}
