using System.Text.Encodings.Web;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Retention;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Email;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace ComplianceLayer.Web.Features.Privacy.Deletion;

/// <summary>
/// The Owner's self-service account deletion: shows what goes and what stays, and on confirmation (password and the
/// organization's name) cancels the subscription, pauses the schedules and makes the organization read-only for the
/// grace period, during which the Owner can undo. <see cref="AccountDeletionJob"/> completes it afterwards.
/// </summary>
public sealed class AccountDeletion(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    UserManager<ApplicationUser> users,
    ISubscriptionCanceller subscriptions,
    ISchedulerFactory schedulers,
    ScheduleTriggers triggers,
    AuditLog audit,
    IAppEmailSender email,
    IOptions<AccountDeletionOptions> options,
    TimeProvider time,
    ILogger<AccountDeletion> logger)
{
    private const string EntityType = "organization";

    public async Task<DeletionSummary> GetSummaryAsync(CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.DeleteOrganization, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
        // Materialised first: IgnoreQueryFilters below would also lift the tenant filter of a subquery.
        var memberIds = await db.Memberships.Select(m => m.UserId).ToListAsync(cancellationToken);
        // Users whose only membership is this one leave with the organization.
        var usersRemoved = await db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter])
            .Where(m => memberIds.Contains(m.UserId))
            .GroupBy(m => m.UserId)
            .CountAsync(g => g.Count() == 1, cancellationToken);
        return new DeletionSummary(
            organization.Id,
            organization.Name,
            await db.Clients.CountAsync(cancellationToken),
            await db.Domains.CountAsync(cancellationToken),
            await db.Scans.CountAsync(cancellationToken),
            await db.Findings.CountAsync(cancellationToken),
            await db.ScanSchedules.CountAsync(cancellationToken),
            await db.ApiKeys.CountAsync(cancellationToken),
            await db.WebhookEndpoints.CountAsync(cancellationToken),
            await db.ApiRequestLogs.CountAsync(cancellationToken),
            await db.Memberships.CountAsync(cancellationToken),
            usersRemoved,
            organization.StripeSubscriptionId is not null,
            options.Value.DeletionGracePeriod,
            Pending(organization, member));
    }

    /// <summary>The pending deletion of the member's organization, for the banner every member sees; null when none.</summary>
    public async Task<PendingDeletion?> GetPendingAsync(CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ViewData, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
        return Pending(organization, member);
    }

    public async Task<PendingDeletion> RequestAsync(DeletionConfirmation confirmation, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.DeleteOrganization, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
        if (organization.DeletionDueAt is not null)
        {
            throw new ValidationFailedException("The deletion of this organization is already scheduled.");
        }
        if (!string.Equals(confirmation.OrganizationName.Trim(), organization.Name, StringComparison.Ordinal))
        {
            throw new ValidationFailedException("Type the organization's name exactly as shown to confirm.");
        }
        var user = await users.FindByIdAsync(member.UserId) ?? throw new AccessDeniedException("Your account no longer exists.");
        if (!await users.CheckPasswordAsync(user, confirmation.Password))
        {
            throw new ValidationFailedException("The password is not correct.");
        }

        // Billing first: if the subscription cannot be ended, nothing else changes.
        try
        {
            await subscriptions.CancelImmediatelyAsync(organization.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Canceling the subscription of organization {OrganizationId} for its deletion failed", organization.Id);
            throw new ValidationFailedException(
                "Your subscription could not be canceled, so nothing was deleted. Try again later, or cancel it under Billing first.");
        }

        var now = time.GetUtcNow();
        organization.DeletionRequestedAt = now;
        organization.DeletionDueAt = now + options.Value.DeletionGracePeriod;
        audit.Record(db, member, "organization.deletion_requested", EntityType, organization.Id.ToString(),
            $"Requested the deletion of the organization and its data; it completes on {organization.DeletionDueAt:yyyy-MM-dd HH:mm} UTC unless undone.");
        await db.SaveChangesAsync(cancellationToken);

        await PauseSchedulesAsync(db, cancellationToken);
        await SendAsync(member.Email, $"Deletion of {organization.Name} scheduled",
            $"<p>You asked to delete the ComplianceLayer organization <b>{Encode(organization.Name)}</b> and all of its data.</p>" +
            $"<p>It is read-only now and will be deleted on {organization.DeletionDueAt:yyyy-MM-dd HH:mm} UTC. " +
            "Until then you can undo this in Settings → Delete account.</p>" +
            "<p>Billing records are kept for 7 years as the law requires; they hold no personal data.</p>", cancellationToken);
        logger.LogInformation("Deletion of organization {OrganizationId} requested, due {DueAt:O}", organization.Id, organization.DeletionDueAt);
        return Pending(organization, member)!;
    }

    /// <summary>Undoes a pending deletion: the organization is writable again and its schedules run again.</summary>
    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.DeleteOrganization, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.SingleAsync(o => o.Id == member.OrganizationId, cancellationToken);
        if (organization.DeletionDueAt is null)
        {
            throw new ValidationFailedException("No deletion of this organization is pending.");
        }
        organization.DeletionRequestedAt = null;
        organization.DeletionDueAt = null;
        audit.Record(db, member, "organization.deletion_canceled", EntityType, organization.Id.ToString(),
            "Undid the pending deletion of the organization.");
        await db.SaveChangesAsync(cancellationToken);

        var timeZone = await ScheduleService.TimeZoneOfAsync(db, organization.Id, cancellationToken);
        // Rewritten from the table: enabled schedules run again, paused ones stay paused.
        foreach (var schedule in await db.ScanSchedules.AsNoTracking().ToListAsync(cancellationToken))
        {
            await triggers.SyncAsync(schedule, timeZone, cancellationToken);
        }
        logger.LogInformation("Deletion of organization {OrganizationId} undone", organization.Id);
    }

    private async Task PauseSchedulesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var id in await db.ScanSchedules.Select(s => s.Id).ToListAsync(cancellationToken))
        {
            await scheduler.PauseTrigger(ScheduleTriggers.KeyFor(id), cancellationToken);
        }
    }

    private async Task SendAsync(string recipient, string subject, string body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(recipient))
        {
            return;
        }
        await email.SendAsync(recipient, subject, body, cancellationToken);
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static PendingDeletion? Pending(Organization organization, MemberContext member) =>
        organization is { DeletionRequestedAt: { } requested, DeletionDueAt: { } due }
            ? new PendingDeletion(requested, due, RolePolicy.Allows(member.Role, Capability.DeleteOrganization))
            : null;

    /// <summary>How long billing records outlive the account; shown on the page.</summary>
    public static int BillingRecordYears => (int)(RetentionPolicy.BillingRecords.TotalDays / 365);
}
