using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Stripe;

namespace ComplianceLayer.Web.Features.Billing;

public enum StripeWebhookOutcome
{
    Applied,
    Duplicate,
    Ignored,
    BadSignature,
    NotConfigured,
}

/// <summary>
/// Verifies and applies one Stripe webhook. Each event id is stored in the same transaction as the change it made, so a
/// re-delivery changes nothing. Subscription state is re-read from Stripe (under a lock on the organization row) instead of
/// taken from the event, so events that arrive out of order still end in Stripe's current state.
/// </summary>
public sealed class StripeWebhookHandler(
    IOptions<StripeOptions> options,
    StripeGateway stripe,
    SubscriptionSync sync,
    IDbContextFactory<AppDbContext> dbFactory,
    TenantContext tenant,
    AuditLog audit,
    TimeProvider time,
    ILogger<StripeWebhookHandler> logger)
{
    public async Task<(StripeWebhookOutcome Outcome, string Detail)> HandleAsync(string payload, string? signature, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return (StripeWebhookOutcome.NotConfigured, "Stripe is not configured on this server.");
        }
        Event stripeEvent;
        try
        {
            // The library is pinned to one API version; events of another version still parse for the fields we read.
            stripeEvent = EventUtility.ConstructEvent(payload, signature ?? "", settings.WebhookSecret,
                settings.WebhookToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Rejected a Stripe webhook: {Reason}", ex.Message);
            return (StripeWebhookOutcome.BadSignature, ex.Message);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.ProcessedStripeEvents.AnyAsync(e => e.EventId == stripeEvent.Id, cancellationToken))
            {
                return (StripeWebhookOutcome.Duplicate, $"Event {stripeEvent.Id} was already processed.");
            }
        }
        var target = Target(stripeEvent);
        if (target is null)
        {
            return await MarkIgnoredAsync(stripeEvent, $"Event type {stripeEvent.Type} is not handled.", cancellationToken);
        }
        return await ApplyAsync(stripeEvent, target, cancellationToken);
    }

    /// <summary>What an event is about: the organization hint, the subscription to re-read and the invoice to record.</summary>
    private sealed record EventTarget(Guid? OrganizationId, string? CustomerId, string? SubscriptionId, Invoice? Invoice);

    private static EventTarget? Target(Event stripeEvent) => stripeEvent.Type switch
    {
        EventTypes.CheckoutSessionCompleted when stripeEvent.Data.Object is Stripe.Checkout.Session { Mode: "subscription" } session =>
            new EventTarget(Guid.TryParse(session.ClientReferenceId, out var id) ? id : null, session.CustomerId, session.SubscriptionId, null),
        EventTypes.CustomerSubscriptionCreated or EventTypes.CustomerSubscriptionUpdated or EventTypes.CustomerSubscriptionDeleted
            when stripeEvent.Data.Object is Subscription subscription =>
            new EventTarget(OrganizationIdOf(subscription.Metadata), subscription.CustomerId, subscription.Id, null),
        EventTypes.InvoicePaid or EventTypes.InvoicePaymentFailed when stripeEvent.Data.Object is Invoice invoice =>
            new EventTarget(OrganizationIdOf(invoice.Parent?.SubscriptionDetails?.Metadata), invoice.CustomerId,
                invoice.Parent?.SubscriptionDetails?.SubscriptionId, invoice),
        _ => null,
    };

    private static Guid? OrganizationIdOf(Dictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue("organization_id", out var value) && Guid.TryParse(value, out var id) ? id : null;

    private async Task<(StripeWebhookOutcome, string)> ApplyAsync(Event stripeEvent, EventTarget target, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await FindOrganizationAsync(db, target, cancellationToken);
        if (organization is null)
        {
            logger.LogWarning("Stripe event {EventId} ({Type}) matches no organization (customer {Customer})", stripeEvent.Id, stripeEvent.Type, target.CustomerId);
            return await MarkIgnoredAsync(stripeEvent, "No organization matches this event.", cancellationToken);
        }
        tenant.Set(organization.Id);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One event per organization at a time: the later transaction re-reads Stripe after the earlier one committed.
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM organizations WHERE "Id" = {organization.Id} FOR UPDATE""", cancellationToken);
        await db.Entry(organization).ReloadAsync(cancellationToken);
        var now = time.GetUtcNow();
        db.ProcessedStripeEvents.Add(new ProcessedStripeEvent { EventId = stripeEvent.Id, Type = stripeEvent.Type, ProcessedAt = now });

        if (target.CustomerId is { Length: > 0 } customerId && organization.StripeCustomerId is null)
        {
            organization.StripeCustomerId = customerId;
        }
        var changes = new List<BillingChange>();
        if (target.SubscriptionId is { Length: > 0 } subscriptionId)
        {
            var subscription = await stripe.GetSubscriptionAsync(subscriptionId, cancellationToken);
            changes.AddRange(sync.Apply(organization, subscription, now));
        }
        if (target.Invoice is { } invoice)
        {
            changes.Add(await RecordInvoiceAsync(db, organization, invoice, stripeEvent.Type == EventTypes.InvoicePaid, now, cancellationToken));
        }
        foreach (var change in changes)
        {
            audit.RecordSystem(db, organization.Id, change.Action, "organization", organization.Id.ToString(), change.Summary);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsDuplicateEvent(ex))
        {
            return (StripeWebhookOutcome.Duplicate, $"Event {stripeEvent.Id} was already processed.");
        }
        logger.LogInformation("Applied Stripe event {EventId} ({Type}) to organization {Organization}", stripeEvent.Id, stripeEvent.Type, organization.Id);
        return (StripeWebhookOutcome.Applied, $"Applied {stripeEvent.Type}.");
    }

    /// <summary>The organization by our id (checkout's client_reference_id, or metadata), else by Stripe customer id.</summary>
    private static async Task<Organization?> FindOrganizationAsync(AppDbContext db, EventTarget target, CancellationToken cancellationToken)
    {
        if (target.OrganizationId is { } id && await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken) is { } byId)
        {
            return byId;
        }
        return target.CustomerId is { Length: > 0 } customerId
            ? await db.Organizations.SingleOrDefaultAsync(o => o.StripeCustomerId == customerId, cancellationToken)
            : null;
    }

    /// <summary>Inserts or updates the invoice's billing record (no personal data); a failed payment starts the grace period.</summary>
    private static async Task<BillingChange> RecordInvoiceAsync(
        AppDbContext db, Organization organization, Invoice invoice, bool paid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await db.BillingRecords.SingleOrDefaultAsync(r => r.StripeInvoiceId == invoice.Id, cancellationToken);
        if (record is null)
        {
            record = new BillingRecord { StripeInvoiceId = invoice.Id, Currency = invoice.Currency ?? "usd" };
            db.BillingRecords.Add(record);
        }
        var line = invoice.Lines?.Data?.FirstOrDefault();
        record.Amount = paid ? invoice.AmountPaid : invoice.AmountDue;
        record.Currency = invoice.Currency ?? record.Currency;
        record.PeriodStart = SubscriptionSync.ToOffset(line?.Period?.Start) ?? SubscriptionSync.ToOffset(invoice.PeriodStart) ?? now;
        record.PeriodEnd = SubscriptionSync.ToOffset(line?.Period?.End) ?? SubscriptionSync.ToOffset(invoice.PeriodEnd) ?? now;
        record.InvoiceDate = SubscriptionSync.ToOffset(invoice.Created) ?? now;
        record.Status = paid ? BillingRecordStatus.Paid : BillingRecordStatus.PaymentFailed;
        record.UpdatedAt = now;
        if (!paid)
        {
            organization.PastDueSince ??= now;
        }
        var amount = $"{record.Amount / 100m:0.00} {record.Currency.ToUpperInvariant()}";
        return paid
            ? new BillingChange("billing.invoice_paid", $"Invoice {invoice.Id} paid: {amount}.")
            : new BillingChange("billing.payment_failed", $"Payment of invoice {invoice.Id} failed: {amount} due. Update the payment method under Settings → Billing.");
    }

    private async Task<(StripeWebhookOutcome, string)> MarkIgnoredAsync(Event stripeEvent, string reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ProcessedStripeEvents.Add(new ProcessedStripeEvent { EventId = stripeEvent.Id, Type = stripeEvent.Type, ProcessedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsDuplicateEvent(ex))
        {
            return (StripeWebhookOutcome.Duplicate, $"Event {stripeEvent.Id} was already processed.");
        }
        return (StripeWebhookOutcome.Ignored, reason);
    }

    private static bool IsDuplicateEvent(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "processed_stripe_events" };
}
