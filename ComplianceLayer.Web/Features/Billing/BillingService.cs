using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>
/// The billing page's operations, Owner only (<see cref="Capability.ManageBilling"/>): the plan, usage against each limit,
/// what a downgrade would change, Checkout for a new subscriber, the Customer Portal for an existing one, invoice history.
/// </summary>
public sealed class BillingService(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    PlanGuard planGuard,
    PlanCatalog plans,
    StripeGateway stripe,
    AuditLog audit,
    TimeProvider time)
{
    public const string PagePath = "settings/billing";

    public async Task<BillingOverview> GetOverviewAsync(CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ManageBilling, cancellationToken);
        var current = await planGuard.GetAsync(cancellationToken);
        var period = PlanRules.UsagePeriodAt(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == current.OrganizationId, cancellationToken);
        var limits = current.Plan.Limits;
        var domains = await db.Domains.CountAsync(cancellationToken);
        var usage = new List<UsageLine>
        {
            new("Monitored domains", domains, limits.MonitoredDomains),
            new("Scans this month", await PlanGuard.CountScansAsync(db, period, cancellationToken), limits.ScansPerMonth),
            new("Team members", await db.Memberships.CountAsync(cancellationToken), limits.TeamMembers),
            new("Schedules", await db.ScanSchedules.CountAsync(cancellationToken), limits.SchedulesAllowed ? null : 0),
        };
        var offers = new List<PlanOffer>();
        foreach (var plan in plans.Plans)
        {
            var isCurrent = plan.Code == current.Plan.Code;
            offers.Add(new PlanOffer(plan, isCurrent, isCurrent ? [] : await DowngradeEffectsAsync(db, current.Plan, plan, domains, cancellationToken)));
        }
        return new BillingOverview(current.Plan, current.State.Status, current.State.CurrentPeriodEnd, current.ReadOnlyFrom, current.IsReadOnly,
            current.IsReadOnly ? planGuard.ReadOnlyMessage(current) : null, period, usage, offers, stripe.IsConfigured,
            organization.StripeSubscriptionId is not null && organization.SubscriptionStatus != SubscriptionStatus.Canceled,
            organization.StripeCustomerId is not null);
    }

    /// <summary>What moving from <paramref name="from"/> to <paramref name="to"/> would change; nothing is deleted at once.</summary>
    private async Task<IReadOnlyList<string>> DowngradeEffectsAsync(
        AppDbContext db, PlanDefinition from, PlanDefinition to, int domains, CancellationToken cancellationToken)
    {
        var effects = new List<string>();
        if (to.Limits.HistoryDays < from.Limits.HistoryDays)
        {
            var cutoff = time.GetUtcNow() - to.Limits.HistoryWindow;
            var older = await db.Scans.CountAsync(s => s.QueuedAt < cutoff && s.FinishedAt != null, cancellationToken);
            effects.Add($"Scans older than {to.Limits.HistoryDays} days ({older} today) are deleted by the next daily retention run after the change.");
        }
        if (to.Limits.MonitoredDomains is { } limit && domains > limit)
        {
            effects.Add($"Your {domains} domains stay, but no new ones can be added until fewer than {limit} remain.");
        }
        if (!to.Limits.SchedulesAllowed && from.Limits.SchedulesAllowed)
        {
            effects.Add("Schedules are kept but stop running.");
        }
        else if (to.Limits.SchedulesAllowed && !PlanRules.AllowsCadence(to.Limits, from.Limits.FinestCadence))
        {
            effects.Add($"Schedules more frequent than {to.Limits.FinestCadence.ToString().ToLowerInvariant()} are kept but stop running.");
        }
        if (!to.Limits.ApiAccess && from.Limits.ApiAccess)
        {
            effects.Add("API keys stop working (they are kept).");
        }
        return effects;
    }

    /// <summary>
    /// Where "Upgrade"/"Change plan" leads: Stripe Checkout for an organization without a subscription (a Stripe customer is
    /// created first, once), the Customer Portal for one that has a subscription (plan changes happen there).
    /// </summary>
    public async Task<string> StartCheckoutAsync(string planCode, bool yearly, string appBaseUrl, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageBilling, cancellationToken);
        EnsureConfigured();
        var plan = plans.Find(planCode) ?? throw new ValidationFailedException($"There is no plan \"{planCode}\".");
        var priceId = (yearly ? plan.StripeYearlyPriceId : plan.StripeMonthlyPriceId) ?? plan.StripeMonthlyPriceId ?? plan.StripeYearlyPriceId
            ?? throw new ValidationFailedException($"The {plan.Name} plan cannot be bought online.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
        if (organization.StripeSubscriptionId is not null && organization.SubscriptionStatus != SubscriptionStatus.Canceled)
        {
            return await OpenPortalAsync(appBaseUrl, cancellationToken);
        }
        if (organization.StripeCustomerId is null)
        {
            organization.StripeCustomerId = await stripe.CreateCustomerAsync(organization.Id, organization.Name, member.Email, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        var returnUrl = appBaseUrl.TrimEnd('/') + "/" + PagePath;
        var session = await stripe.CreateCheckoutSessionAsync(organization.Id, organization.StripeCustomerId, priceId,
            returnUrl + "?checkout=success", returnUrl + "?checkout=cancelled", cancellationToken);
        audit.Record(db, member, "billing.checkout_started", "organization", organization.Id.ToString(),
            $"Started Stripe Checkout for the {plan.Name} plan ({(yearly ? "yearly" : "monthly")}, session {session.Id}).");
        await db.SaveChangesAsync(cancellationToken);
        return session.Url;
    }

    /// <summary>The Customer Portal (payment method, invoices, plan change, cancellation) for an organization that is a Stripe customer.</summary>
    public async Task<string> OpenPortalAsync(string appBaseUrl, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageBilling, cancellationToken);
        EnsureConfigured();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customerId = await db.Organizations.Where(o => o.Id == member.OrganizationId).Select(o => o.StripeCustomerId).SingleAsync(cancellationToken)
            ?? throw new ValidationFailedException("This organization has no Stripe account yet: choose a plan first.");
        var session = await stripe.CreatePortalSessionAsync(customerId, appBaseUrl.TrimEnd('/') + "/" + PagePath, cancellationToken);
        audit.Record(db, member, "billing.portal_opened", "organization", member.OrganizationId.ToString(), "Opened the Stripe Customer Portal.");
        await db.SaveChangesAsync(cancellationToken);
        return session.Url;
    }

    /// <summary>Invoice history from our billing records, newest first, paged in SQL.</summary>
    public async Task<PagedResult<InvoiceRow>> ListInvoicesAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ManageBilling, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = db.BillingRecords.AsNoTracking();
        var total = await records.CountAsync(cancellationToken);
        var items = await records.OrderByDescending(r => r.InvoiceDate).ThenBy(r => r.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(Paging.Take(pageSize))
            .Select(r => new InvoiceRow(r.StripeInvoiceId, r.InvoiceDate, r.Amount, r.Currency, r.PeriodStart, r.PeriodEnd, r.Status))
            .ToListAsync(cancellationToken);
        return new PagedResult<InvoiceRow>(items, total);
    }

    private void EnsureConfigured()
    {
        if (!stripe.IsConfigured)
        {
            throw new ValidationFailedException("Billing is not configured on this server (Stripe keys are missing).");
        }
    }
}
