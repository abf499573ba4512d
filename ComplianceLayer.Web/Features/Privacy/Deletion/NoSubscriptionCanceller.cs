using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Privacy.Deletion;

/// <summary>
/// The canceller of an installation without billing: an organization without a Stripe subscription has nothing to
/// cancel; one that has a subscription cannot be deleted here, because leaving it billed would be wrong.
/// The billing feature registers the real canceller, which replaces this one.
/// </summary>
public sealed class NoSubscriptionCanceller(IDbContextFactory<AppDbContext> dbFactory) : ISubscriptionCanceller
{
    public async Task CancelImmediatelyAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscriptionId = await db.Organizations.Where(o => o.Id == organizationId)
            .Select(o => o.StripeSubscriptionId).SingleOrDefaultAsync(cancellationToken);
        if (subscriptionId is not null)
        {
            throw new InvalidOperationException("Billing is not available");
        }
    }
}
