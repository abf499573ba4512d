using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>
/// Cancels the organization's Stripe subscription immediately (DELETE /v1/subscriptions/{id}), records it in the audit log
/// and sets the organization's state to canceled. No live subscription: nothing happens. A live subscription while Stripe
/// is not configured is refused, because deleting an account that Stripe goes on billing would be wrong.
/// </summary>
public sealed class StripeSubscriptionCanceller(
    IServiceScopeFactory scopes,
    StripeGateway stripe,
    SubscriptionSync sync,
    TimeProvider time,
    ILogger<StripeSubscriptionCanceller> logger) : ISubscriptionCanceller
{
    public async Task CancelImmediatelyAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        // A scope of its own: the caller's scope may have no tenant, and this must write as the organization.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organizationId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM organizations WHERE "Id" = {organizationId} FOR UPDATE""", cancellationToken);
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization?.StripeSubscriptionId is not { Length: > 0 } subscriptionId
            || (organization.SubscriptionStatus == SubscriptionStatus.Canceled && organization.CurrentPeriodEnd <= time.GetUtcNow()))
        {
            return;
        }
        if (!stripe.IsConfigured)
        {
            throw new InvalidOperationException(
                $"Stripe is not configured, so subscription {subscriptionId} of organization {organizationId} cannot be canceled.");
        }
        var now = time.GetUtcNow();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        try
        {
            var subscription = await stripe.CancelSubscriptionAsync(subscriptionId, cancellationToken);
            foreach (var change in sync.Apply(organization, subscription, now))
            {
                audit.RecordSystem(db, organizationId, change.Action, "organization", organizationId.ToString(), change.Summary);
            }
        }
        catch (StripeException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Stripe no longer has it (deleted on Stripe's side): nothing left to cancel.
            logger.LogInformation("Subscription {Subscription} of organization {Organization} is gone at Stripe", subscriptionId, organizationId);
        }
        organization.SubscriptionStatus = SubscriptionStatus.Canceled;
        organization.PastDueSince = null;
        if (organization.CurrentPeriodEnd is null || organization.CurrentPeriodEnd > now)
        {
            organization.CurrentPeriodEnd = now;
        }
        audit.RecordSystem(db, organizationId, "billing.subscription_canceled", "organization", organizationId.ToString(),
            $"Canceled Stripe subscription {subscriptionId} at once (account deletion).");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
