using System.Text.Encodings.Web;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Features.Webhooks;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Email;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ComplianceLayer.Web.Features.Privacy.Deletion;

/// <summary>
/// Deletes an organization with everything it owns: the completion of an account deletion and the purge of a
/// canceled organization share this one path. Quartz triggers go first (idempotent); then, in one database
/// transaction, every tenant row, the users who belong to no other organization, new security stamps for the members
/// who stay (which signs them out), and the organization row itself. A crash rolls the transaction back and the next
/// run starts again from the top. Billing records are never touched: they are kept for 7 years.
/// </summary>
public sealed class OrganizationPurge(IServiceScopeFactory scopes, ISchedulerFactory schedulers, IAppEmailSender email, ILogger<OrganizationPurge> logger)
{
    /// <summary>Purges the organization; null when it no longer exists (already purged).</summary>
    public async Task<PurgeResult?> PurgeAsync(Guid organizationId, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organizationId);
        // The scope's context is the one UserManager uses, so deleting users joins the same transaction.
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return null;
        }

        await RemoveTriggersAsync(db, cancellationToken);

        var members = await db.Memberships.AsNoTracking().Select(m => new { m.UserId, m.Role }).ToListAsync(cancellationToken);
        var memberIds = members.Select(m => m.UserId).ToList();
        var ownerIds = members.Where(m => m.Role == OrganizationRole.Owner).Select(m => m.UserId).ToList();
        var ownerEmails = await db.Users.Where(u => ownerIds.Contains(u.Id))
            .Select(u => u.Email).Where(e => e != null).ToListAsync(cancellationToken);
        var staying = await db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter])
            .Where(m => memberIds.Contains(m.UserId) && m.OrganizationId != organizationId)
            .Select(m => m.UserId).Distinct().ToListAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var findings = await db.Findings.ExecuteDeleteAsync(cancellationToken);
        var scans = await db.Scans.ExecuteDeleteAsync(cancellationToken);
        var schedules = await db.ScanSchedules.ExecuteDeleteAsync(cancellationToken);
        var domains = await db.Domains.ExecuteDeleteAsync(cancellationToken);
        var clients = await db.Clients.ExecuteDeleteAsync(cancellationToken);
        var deliveries = await db.WebhookDeliveries.ExecuteDeleteAsync(cancellationToken);
        var webhooks = await db.WebhookEndpoints.ExecuteDeleteAsync(cancellationToken);
        var logs = await db.ApiRequestLogs.ExecuteDeleteAsync(cancellationToken);
        var keys = await db.ApiKeys.ExecuteDeleteAsync(cancellationToken);
        var invitations = await db.Invitations.ExecuteDeleteAsync(cancellationToken);
        var auditEvents = await db.AuditEvents.ExecuteDeleteAsync(cancellationToken);
        var memberships = await db.Memberships.ExecuteDeleteAsync(cancellationToken);

        var deleted = 0;
        foreach (var userId in memberIds.Except(staying))
        {
            if (await users.FindByIdAsync(userId) is { } user)
            {
                Check(await users.DeleteAsync(user), "delete a user");
                deleted++;
            }
        }
        foreach (var userId in staying)
        {
            if (await users.FindByIdAsync(userId) is { } user)
            {
                if (user.CurrentOrganizationId == organizationId)
                {
                    user.CurrentOrganizationId = null;
                }
                Check(await users.UpdateSecurityStampAsync(user), "sign a member out");
            }
        }
        await db.Organizations.Where(o => o.Id == organizationId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var result = new PurgeResult(organizationId, clients, domains, scans, findings, schedules, keys, webhooks, deliveries, logs,
            invitations, auditEvents, memberships, deleted, staying.Count);
        logger.LogInformation(
            "Organization {OrganizationId} deleted ({Reason}): {Clients} clients, {Domains} domains, {Scans} scans, {Findings} findings, " +
            "{Schedules} schedules, {ApiKeys} API keys, {Webhooks} webhooks ({Deliveries} deliveries), {Logs} API request logs, " +
            "{Invitations} invitations, {AuditEvents} audit events, {Memberships} memberships; {UsersDeleted} users deleted, {UsersSignedOut} signed out; billing records kept",
            organizationId, reason, clients, domains, scans, findings, schedules, keys, webhooks, deliveries, logs,
            invitations, auditEvents, memberships, deleted, staying.Count);

        foreach (var recipient in ownerEmails)
        {
            await email.SendAsync(recipient!, $"{organization.Name} has been deleted",
                $"<p>The ComplianceLayer organization <b>{HtmlEncoder.Default.Encode(organization.Name)}</b> and its data " +
                "(clients, domains, scans, findings, reports, schedules, API keys, webhooks, request logs, members and the accounts " +
                "that belonged to no other organization) have been deleted.</p>" +
                "<p>Billing records are kept for 7 years as the law requires; they hold no personal data.</p>", cancellationToken);
        }
        return result;
    }

    /// <summary>Schedule triggers, and the one-shot triggers of queued scans and webhook deliveries of the organization.</summary>
    private async Task RemoveTriggersAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var keys = (await db.ScanSchedules.Select(s => s.Id).ToListAsync(cancellationToken)).Select(ScheduleTriggers.KeyFor).ToList();
        var scanPrefixes = (await db.Scans.Where(s => s.FinishedAt == null).Select(s => s.Id).ToListAsync(cancellationToken))
            .Select(id => $"scan-{id:N}-").ToList();
        var deliveryPrefixes = (await db.WebhookDeliveries.Select(d => d.Id).ToListAsync(cancellationToken))
            .Select(id => $"webhook-{id:N}-").ToList();
        keys.AddRange(await MatchingAsync(scheduler, ScanDispatcher.TriggerGroup, scanPrefixes, cancellationToken));
        keys.AddRange(await MatchingAsync(scheduler, WebhookDispatcher.TriggerGroup, deliveryPrefixes, cancellationToken));
        if (keys.Count > 0)
        {
            await scheduler.UnscheduleJobs(keys, cancellationToken);
        }
    }

    private static async Task<IEnumerable<TriggerKey>> MatchingAsync(IScheduler scheduler, string group, List<string> prefixes, CancellationToken cancellationToken)
    {
        if (prefixes.Count == 0)
        {
            return [];
        }
        var all = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group), cancellationToken);
        return all.Where(k => prefixes.Exists(p => k.Name.StartsWith(p, StringComparison.Ordinal)));
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
