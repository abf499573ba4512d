using System.Net;
using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Billing;

/// <summary>
/// Webhooks built in Stripe's shape and signed with Stripe's scheme, posted to the running app; the subscription is
/// re-read from the loopback fake Stripe, which plays Stripe's current state.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StripeWebhookTests(BillingAppFixture app) : IClassFixture<BillingAppFixture>
{
    private static readonly DateTimeOffset PeriodEnd = new(DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds() * TimeSpan.TicksPerSecond + DateTimeOffset.UnixEpoch.Ticks, TimeSpan.Zero);

    /// <summary>An organization and a subscription of it at the fake Stripe (active, on <paramref name="price"/>).</summary>
    private async Task<(TestMember Owner, FakeSubscription Subscription)> ArrangeAsync(string price = BillingTestSettings.ProPrice)
    {
        var owner = await app.NewOwnerAsync("Stripe MSP");
        var id = Guid.NewGuid().ToString("N")[..14];
        var subscription = new FakeSubscription("sub_" + id, "cus_" + id, price, "active", PeriodEnd, OrganizationId: owner.Org.ToString());
        app.Stripe.Subscriptions[subscription.Id] = subscription;
        return (owner, subscription);
    }

    private async Task CompleteCheckoutAsync(TestMember owner, FakeSubscription subscription)
    {
        var payload = StripeTestEvents.Event("checkout.session.completed",
            StripeTestEvents.CheckoutSession(owner.Org, subscription.CustomerId, subscription.Id));
        Assert.Equal(HttpStatusCode.OK, (await app.PostSignedWebhookAsync(payload)).StatusCode);
    }

    private static string SubscriptionEvent(string type, FakeSubscription asSentInTheEvent, string? id = null) =>
        StripeTestEvents.Event(type, FakeStripeServer.SubscriptionJson(asSentInTheEvent), id);

    [Fact]
    public async Task CheckoutCompleted_MovesTheOrganizationToThePlan()
    {
        var (owner, subscription) = await ArrangeAsync();

        await CompleteCheckoutAsync(owner, subscription);

        var organization = await app.OrganizationAsync(owner.Org);
        Assert.Equal("pro", organization.PlanCode);
        Assert.Equal(SubscriptionStatus.Active, organization.SubscriptionStatus);
        Assert.Equal(PeriodEnd, organization.CurrentPeriodEnd);
        Assert.Equal(subscription.Id, organization.StripeSubscriptionId);
        Assert.Equal(subscription.CustomerId, organization.StripeCustomerId);
        Assert.Contains(app.Stripe.RequestsTo("GET", "/v1/subscriptions/" + subscription.Id), r => r.Authorization == "Bearer sk_test_fake");
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "billing.plan_changed"));
        Assert.Equal($"Plan changed from Trial to Pro (Stripe subscription {subscription.Id}).", audit.Summary);
    }

    [Fact]
    public async Task SubscriptionUpdated_ChangesThePlan_AndADowngradeSaysWhatTheRetentionJobWillDelete()
    {
        var (owner, subscription) = await ArrangeAsync();
        await CompleteCheckoutAsync(owner, subscription);
        var downgraded = subscription with { PriceId = BillingTestSettings.StarterPrice };
        app.Stripe.Subscriptions[subscription.Id] = downgraded;

        var response = await app.PostSignedWebhookAsync(SubscriptionEvent("customer.subscription.updated", downgraded));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("starter", (await app.OrganizationAsync(owner.Org)).PlanCode);
        var audits = await app.AuditEventsAsync(owner.Org, "billing.plan_changed");
        Assert.Equal("Plan changed from Pro to Starter (Stripe subscription " + subscription.Id + "). Scans older than 30 days will be deleted by the next daily retention run.",
            audits[^1].Summary);
    }

    [Fact]
    public async Task SubscriptionDeleted_CancelsIt_AndTheOrganizationIsReadOnlyFromTheEnd()
    {
        var (owner, subscription) = await ArrangeAsync();
        await CompleteCheckoutAsync(owner, subscription);
        var ended = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());
        var canceled = subscription with { Status = "canceled", EndedAt = ended };
        app.Stripe.Subscriptions[subscription.Id] = canceled;

        await app.PostSignedWebhookAsync(SubscriptionEvent("customer.subscription.deleted", canceled));

        var organization = await app.OrganizationAsync(owner.Org);
        Assert.Equal(SubscriptionStatus.Canceled, organization.SubscriptionStatus);
        Assert.Equal(ended, organization.CurrentPeriodEnd);
        Assert.Equal("pro", organization.PlanCode);   // data stays under the plan's window until the retention job says otherwise
        Assert.Single(await app.AuditEventsAsync(owner.Org, "billing.status_changed"), e => e.Summary.Contains("from active to canceled", StringComparison.Ordinal));
        await using var scope = app.ScopeFor(owner);
        await scope.ServiceProvider.GetRequiredService<ComplianceLayer.Web.Infrastructure.Tenancy.CurrentMember>()
            .RequireAsync(ComplianceLayer.Domain.Organizations.Capability.ViewData, CancellationToken.None);
        var plan = await scope.ServiceProvider.GetRequiredService<PlanGuard>().GetAsync(CancellationToken.None);
        Assert.True(plan.IsReadOnly);
    }

    [Fact]
    public async Task SameEventTwice_TheSecondChangesNothing()
    {
        var (owner, subscription) = await ArrangeAsync();
        await CompleteCheckoutAsync(owner, subscription);
        var upgraded = subscription with { PriceId = BillingTestSettings.BusinessPrice };
        app.Stripe.Subscriptions[subscription.Id] = upgraded;
        var payload = SubscriptionEvent("customer.subscription.updated", upgraded, "evt_" + Guid.NewGuid().ToString("N")[..20]);
        Assert.Equal(HttpStatusCode.OK, (await app.PostSignedWebhookAsync(payload)).StatusCode);
        Assert.Equal("business", (await app.OrganizationAsync(owner.Org)).PlanCode);
        // Stripe moves on; a re-delivery of the old event must not apply anything, not even the fresh state.
        app.Stripe.Subscriptions[subscription.Id] = subscription with { PriceId = BillingTestSettings.StarterPrice };
        var reads = app.Stripe.RequestsTo("GET", "/v1/subscriptions/" + subscription.Id).Count;

        var again = await app.PostSignedWebhookAsync(payload);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already processed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("business", (await app.OrganizationAsync(owner.Org)).PlanCode);
        Assert.Equal(reads, app.Stripe.RequestsTo("GET", "/v1/subscriptions/" + subscription.Id).Count);
        Assert.Equal(2, (await app.AuditEventsAsync(owner.Org, "billing.plan_changed")).Count);
    }

    [Fact]
    public async Task EventsOutOfOrder_EndInStripesCurrentState()
    {
        var (owner, subscription) = await ArrangeAsync(BillingTestSettings.StarterPrice);
        var created = subscription;                                         // what "created" carried: Starter
        var updated = subscription with { PriceId = BillingTestSettings.BusinessPrice };
        app.Stripe.Subscriptions[subscription.Id] = updated;                // Stripe now: Business

        // "updated" arrives first, "created" (older, with the stale Starter price) after it.
        await app.PostSignedWebhookAsync(SubscriptionEvent("customer.subscription.updated", updated));
        await app.PostSignedWebhookAsync(SubscriptionEvent("customer.subscription.created", created));

        var organization = await app.OrganizationAsync(owner.Org);
        Assert.Equal("business", organization.PlanCode);
        Assert.Equal(SubscriptionStatus.Active, organization.SubscriptionStatus);
    }

    [Fact]
    public async Task BadSignature_Returns400_AndChangesNothing()
    {
        var (owner, subscription) = await ArrangeAsync();
        var payload = StripeTestEvents.Event("checkout.session.completed", StripeTestEvents.CheckoutSession(owner.Org, subscription.CustomerId, subscription.Id));

        var wrongSecret = await app.PostWebhookAsync(payload, StripeTestEvents.Sign(payload, "whsec_not_the_secret"));
        var tampered = await app.PostWebhookAsync(payload.Replace("\"paid\"", "\"unpaid\"", StringComparison.Ordinal), StripeTestEvents.Sign(payload, BillingTestSettings.WebhookSecret));
        var missing = await app.PostWebhookAsync(payload, null);

        Assert.All([wrongSecret, tampered, missing], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var organization = await app.OrganizationAsync(owner.Org);
        Assert.Equal("trial", organization.PlanCode);
        Assert.Null(organization.StripeSubscriptionId);
        var eventId = System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("id").GetString();
        Assert.False(await app.QueryAsync(owner.Org, db => db.ProcessedStripeEvents.AnyAsync(e => e.EventId == eventId)));
    }

    [Fact]
    public async Task OldTimestamp_IsRejected()
    {
        var (owner, subscription) = await ArrangeAsync();
        var payload = StripeTestEvents.Event("checkout.session.completed", StripeTestEvents.CheckoutSession(owner.Org, subscription.CustomerId, subscription.Id));

        var response = await app.PostWebhookAsync(payload, StripeTestEvents.Sign(payload, BillingTestSettings.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tolerance", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("trial", (await app.OrganizationAsync(owner.Org)).PlanCode);
    }

    [Fact]
    public async Task InvoiceEvents_KeepOneBillingRecordPerInvoice_AndAFailedPaymentStartsTheGracePeriod()
    {
        var (owner, subscription) = await ArrangeAsync();
        await CompleteCheckoutAsync(owner, subscription);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds());
        var end = start.AddMonths(1);
        var invoiceId = "in_" + Guid.NewGuid().ToString("N")[..14];
        app.Stripe.Subscriptions[subscription.Id] = subscription with { Status = "past_due" };

        await app.PostSignedWebhookAsync(StripeTestEvents.Event("invoice.payment_failed",
            StripeTestEvents.Invoice(invoiceId, subscription.CustomerId, subscription.Id, "open", 14900, start, end)));

        var failed = await app.OrganizationAsync(owner.Org);
        Assert.Equal(SubscriptionStatus.PastDue, failed.SubscriptionStatus);
        Assert.NotNull(failed.PastDueSince);
        var record = Assert.Single(await app.QueryAsync(owner.Org, db => db.BillingRecords.ToListAsync()));
        Assert.Equal((invoiceId, 14900L, "usd", BillingRecordStatus.PaymentFailed, start, end),
            (record.StripeInvoiceId, record.Amount, record.Currency, record.Status, record.PeriodStart, record.PeriodEnd));

        app.Stripe.Subscriptions[subscription.Id] = subscription;
        await app.PostSignedWebhookAsync(StripeTestEvents.Event("invoice.paid",
            StripeTestEvents.Invoice(invoiceId, subscription.CustomerId, subscription.Id, "paid", 14900, start, end)));

        var paid = await app.OrganizationAsync(owner.Org);
        Assert.Equal(SubscriptionStatus.Active, paid.SubscriptionStatus);
        Assert.Null(paid.PastDueSince);
        record = Assert.Single(await app.QueryAsync(owner.Org, db => db.BillingRecords.ToListAsync()));
        Assert.Equal(BillingRecordStatus.Paid, record.Status);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "billing.invoice_paid"));
        Assert.Single(await app.AuditEventsAsync(owner.Org, "billing.payment_failed"));
    }

    [Fact]
    public async Task BillingRecords_HoldNoPersonalData_AndSurviveTheOrganizationsDeletion()
    {
        var (owner, subscription) = await ArrangeAsync();
        await CompleteCheckoutAsync(owner, subscription);
        var invoiceId = "in_" + Guid.NewGuid().ToString("N")[..14];
        await app.PostSignedWebhookAsync(StripeTestEvents.Event("invoice.paid",
            StripeTestEvents.Invoice(invoiceId, subscription.CustomerId, subscription.Id, "paid", 4900, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMonths(1))));

        var columns = await app.QueryAsync(owner.Org, db =>
            Task.FromResult(db.Model.FindEntityType(typeof(BillingRecord))!.GetProperties().Select(p => p.Name).ToList()));
        Assert.Equal(["Amount", "Currency", "Id", "InvoiceDate", "OrganizationId", "PeriodEnd", "PeriodStart", "Status", "StripeInvoiceId", "UpdatedAt"], columns.Order(StringComparer.Ordinal));
        await app.QueryAsync(owner.Org, db => db.Organizations.Where(o => o.Id == owner.Org).ExecuteDeleteAsync());

        Assert.True(await app.QueryAsync(owner.Org, db => db.BillingRecords.AnyAsync(r => r.StripeInvoiceId == invoiceId)));
    }

    [Fact]
    public async Task BillingRecords_OfAnotherOrganization_AreNotVisible()
    {
        var (owner, subscription) = await ArrangeAsync();
        await CompleteCheckoutAsync(owner, subscription);
        await app.PostSignedWebhookAsync(StripeTestEvents.Event("invoice.paid",
            StripeTestEvents.Invoice("in_" + Guid.NewGuid().ToString("N")[..14], subscription.CustomerId, subscription.Id, "paid", 4900, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMonths(1))));
        var other = await app.NewOwnerAsync();

        Assert.Equal(0, await app.QueryAsync(other.Org, db => db.BillingRecords.CountAsync()));
        await using var scope = app.ScopeFor(other);
        var invoices = await scope.ServiceProvider.GetRequiredService<BillingService>().ListInvoicesAsync(0, 10, CancellationToken.None);
        Assert.Equal(0, invoices.TotalCount);
    }

    [Fact]
    public async Task CancelImmediately_DeletesTheSubscriptionAtStripe_AndRecordsIt()
    {
        var (owner, subscription) = await ArrangeAsync();
        await CompleteCheckoutAsync(owner, subscription);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISubscriptionCanceller>().CancelImmediatelyAsync(owner.Org, CancellationToken.None);
        }

        Assert.Single(app.Stripe.RequestsTo("DELETE", "/v1/subscriptions/" + subscription.Id));
        var organization = await app.OrganizationAsync(owner.Org);
        Assert.Equal(SubscriptionStatus.Canceled, organization.SubscriptionStatus);
        Assert.True(organization.CurrentPeriodEnd <= DateTimeOffset.UtcNow);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "billing.subscription_canceled"));
    }

    [Fact]
    public async Task CancelImmediately_WithoutASubscription_DoesNothing()
    {
        var owner = await app.NewOwnerAsync();
        var deletes = app.Stripe.RequestsTo("DELETE", "/v1/subscriptions/").Count;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISubscriptionCanceller>().CancelImmediatelyAsync(owner.Org, CancellationToken.None);
        }

        Assert.Equal(deletes, app.Stripe.RequestsTo("DELETE", "/v1/subscriptions/").Count);
        Assert.Equal(SubscriptionStatus.Trialing, (await app.OrganizationAsync(owner.Org)).SubscriptionStatus);
    }
}
