using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Retention;
using ComplianceLayer.Web.Features.Privacy.Deletion;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy.Retention;

/// <summary>
/// The privacy policy keeps account data for 90 days after cancellation: an organization whose subscription is canceled
/// and whose paid period ended more than 90 days ago is deleted through the same path as a completed account deletion
/// (its audit events go with it, so the counts are written to the application log).
/// </summary>
public sealed class CanceledOrganizationRetention(IDbContextFactory<AppDbContext> dbFactory, OrganizationPurge purge, TimeProvider time)
{
    public async Task<IReadOnlyList<PurgeResult>> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - RetentionPolicy.AccountDataAfterCancellation;
        List<Guid> expired;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            expired = await db.Organizations
                .Where(o => o.SubscriptionStatus == SubscriptionStatus.Canceled && o.CurrentPeriodEnd != null && o.CurrentPeriodEnd < cutoff)
                .Select(o => o.Id).ToListAsync(cancellationToken);
        }
        var results = new List<PurgeResult>();
        foreach (var organizationId in expired)
        {
            if (await purge.PurgeAsync(organizationId, "subscription canceled more than 90 days ago", cancellationToken) is { } result)
            {
                results.Add(result);
            }
        }
        return results;
    }
}
