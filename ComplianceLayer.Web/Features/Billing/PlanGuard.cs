using System.Globalization;
using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>The organization's plan and subscription state as the rules see it at one moment.</summary>
public sealed record OrganizationPlan(Guid OrganizationId, PlanDefinition Plan, string StoredPlanCode, BillingState State, DateTimeOffset? ReadOnlyFrom, bool IsReadOnly);

/// <summary>
/// The one place where plan limits and the subscription state are enforced, for pages, the API and schedules alike.
/// Works on the scope's tenant (set by <see cref="CurrentMember"/>, the API key or the job) and throws
/// <see cref="PlanLimitExceededException"/> with a message that names the limit, the usage and, for quotas, the reset.
/// </summary>
public sealed class PlanGuard(
    TenantContext tenant,
    IDbContextFactory<AppDbContext> dbFactory,
    PlanCatalog plans,
    IOptions<BillingOptions> options,
    TimeProvider time)
{
    public async Task<OrganizationPlan> GetAsync(CancellationToken cancellationToken)
    {
        var organizationId = tenant.OrganizationId
            ?? throw new InvalidOperationException("The plan guard needs the organization: authorise the member, the API key or set the job's tenant first.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == organizationId)
            .Select(o => new { o.PlanCode, o.SubscriptionStatus, o.CurrentPeriodEnd, o.PastDueSince })
            .SingleAsync(cancellationToken);
        var state = new BillingState(row.SubscriptionStatus, row.CurrentPeriodEnd, row.PastDueSince);
        var readOnlyFrom = PlanRules.ReadOnlyFrom(state, options.Value.GracePeriod);
        return new OrganizationPlan(organizationId, plans.Resolve(row.PlanCode), row.PlanCode, state, readOnlyFrom,
            readOnlyFrom is { } from && time.GetUtcNow() >= from);
    }

    /// <summary>Refuses any change while the organization is read-only; returns its plan otherwise.</summary>
    public async Task<OrganizationPlan> EnsureWritableAsync(CancellationToken cancellationToken)
    {
        var plan = await GetAsync(cancellationToken);
        if (plan.IsReadOnly)
        {
            throw new PlanLimitExceededException(PlanLimitKind.ReadOnly, ReadOnlyMessage(plan));
        }
        return plan;
    }

    /// <summary>Refuses adding <paramref name="count"/> domains past the plan's limit.</summary>
    public async Task EnsureCanAddDomainsAsync(int count, CancellationToken cancellationToken)
    {
        var (plan, remaining) = await DomainAllowanceAsync(cancellationToken);
        if (remaining is { } left && count > left)
        {
            var limit = plan.Plan.Limits.MonitoredDomains!.Value;
            throw new PlanLimitExceededException(PlanLimitKind.LimitReached,
                $"The {plan.Plan.Name} plan allows {limit} monitored domains; {limit - left} are in use, so {Describe(count, "more domain")} cannot be added. "
                + "Remove domains or upgrade under Settings → Billing.");
        }
    }

    /// <summary>
    /// Serialises one organization's plan-limited inserts until <paramref name="db"/>'s transaction ends, so that two
    /// concurrent requests cannot both pass a limit check for the last free slot. Call inside a transaction, before the check.
    /// </summary>
    public static Task LockUsageAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"plan-usage:" + organizationId}, 0))", cancellationToken);

    /// <summary>
    /// Refuses an invitation past the plan's team size. Open invitations count as members, so that inviting many people at
    /// once cannot overshoot the limit when they accept; a new invitation of <paramref name="email"/> replaces its open one.
    /// </summary>
    public async Task EnsureCanInviteMemberAsync(string email, CancellationToken cancellationToken)
    {
        var plan = await EnsureWritableAsync(cancellationToken);
        if (plan.Plan.Limits.TeamMembers is not { } limit)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var members = await db.Memberships.CountAsync(cancellationToken);
        var invited = await db.Invitations.CountAsync(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now && i.Email != email, cancellationToken);
        if (members + invited >= limit)
        {
            throw new PlanLimitExceededException(PlanLimitKind.LimitReached,
                $"The {plan.Plan.Name} plan allows {limit} team members; {members} are members and {invited} invitations are open. "
                + "Revoke an invitation, remove a member or upgrade under Settings → Billing.");
        }
    }

    /// <summary>The plan and how many more domains fit (null: no limit), after checking that the organization may change anything.</summary>
    public async Task<(OrganizationPlan Plan, int? Remaining)> DomainAllowanceAsync(CancellationToken cancellationToken)
    {
        var plan = await EnsureWritableAsync(cancellationToken);
        if (plan.Plan.Limits.MonitoredDomains is not { } limit)
        {
            return (plan, null);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (plan, PlanRules.Remaining(limit, await db.Domains.CountAsync(cancellationToken)));
    }

    /// <summary>Refuses <paramref name="count"/> more scans when the month's quota would be exceeded.</summary>
    public async Task EnsureCanScanAsync(int count, CancellationToken cancellationToken)
    {
        var (plan, remaining, period) = await ScanAllowanceAsync(cancellationToken);
        if (remaining is { } left && count > left)
        {
            throw QuotaExceeded(plan, period);
        }
    }

    /// <summary>The plan, how many scans may still be requested this period (null: no limit) and the period.</summary>
    public async Task<(OrganizationPlan Plan, int? Remaining, UsagePeriod Period)> ScanAllowanceAsync(CancellationToken cancellationToken)
    {
        var plan = await EnsureWritableAsync(cancellationToken);
        var period = PlanRules.UsagePeriodAt(time.GetUtcNow());
        if (plan.Plan.Limits.ScansPerMonth is not { } limit)
        {
            return (plan, null, period);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var used = await CountScansAsync(db, period, cancellationToken);
        return (plan, PlanRules.Remaining(limit, used), period);
    }

    public static PlanLimitExceededException QuotaExceeded(OrganizationPlan plan, UsagePeriod period)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(period);
        var limit = plan.Plan.Limits.ScansPerMonth ?? 0;
        return new PlanLimitExceededException(PlanLimitKind.QuotaExceeded,
            $"The {plan.Plan.Name} plan includes {limit} scans per month and all {limit} are used. "
            + $"The quota resets on {period.ResetsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC; upgrade under Settings → Billing for more.",
            period.ResetsAt);
    }

    /// <summary>The API is open to the organization's plan (also while read-only: reading stays allowed). Returns the plan's limits.</summary>
    public async Task<PlanLimits> EnsureApiAccessAsync(CancellationToken cancellationToken)
    {
        var plan = await GetAsync(cancellationToken);
        if (!plan.Plan.Limits.ApiAccess)
        {
            throw new PlanLimitExceededException(PlanLimitKind.NotInPlan,
                $"The {plan.Plan.Name} plan does not include API access. Upgrade under Settings → Billing to use the REST API.");
        }
        return plan.Plan.Limits;
    }

    /// <summary>Refuses a schedule the plan does not allow (none at all, or more often than its finest cadence).</summary>
    public async Task EnsureScheduleAllowedAsync(ScheduleCadence cadence, CancellationToken cancellationToken)
    {
        var plan = await EnsureWritableAsync(cancellationToken);
        if (ScheduleRefusal(plan, cadence) is { } message)
        {
            throw new PlanLimitExceededException(PlanLimitKind.NotInPlan, message);
        }
    }

    /// <summary>Why a schedule of <paramref name="cadence"/> may not run on the plan, or null when it may.</summary>
    public static string? ScheduleRefusal(OrganizationPlan plan, ScheduleCadence cadence)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var limits = plan.Plan.Limits;
        if (!limits.SchedulesAllowed)
        {
            return $"The {plan.Plan.Name} plan does not include scheduled scans. Upgrade under Settings → Billing to schedule scans.";
        }
        return PlanRules.AllowsCadence(limits, cadence)
            ? null
            : $"The {plan.Plan.Name} plan allows schedules at most {limits.FinestCadence.ToString().ToLowerInvariant()}; "
              + $"a {cadence.ToString().ToLowerInvariant()} schedule needs a higher plan (Settings → Billing).";
    }

    public string ReadOnlyMessage(OrganizationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var from = plan.ReadOnlyFrom is { } f && f > DateTimeOffset.MinValue ? f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        var why = plan.State.Status switch
        {
            SubscriptionStatus.Trialing => $"The trial ended{(from is null ? "" : " on " + from)}.",
            SubscriptionStatus.PastDue => $"The last payment failed and the {options.Value.GracePeriodDays}-day grace period ended{(from is null ? "" : " on " + from)}.",
            _ => $"The subscription was canceled and its paid period ended{(from is null ? "" : " on " + from)}.",
        };
        return $"{why} The organization is read-only: you can view and export its data, but not add domains, run scans or change schedules. "
            + "The Owner can choose a plan or update the payment method under Settings → Billing.";
    }

    internal static Task<int> CountScansAsync(AppDbContext db, UsagePeriod period, CancellationToken cancellationToken) =>
        db.Scans.CountAsync(s => s.QueuedAt >= period.Start && s.QueuedAt < period.ResetsAt, cancellationToken);

    private static string Describe(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
