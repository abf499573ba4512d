using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Schedules;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Features.Privacy;

public sealed record SeededOrganization(TestMember Owner, Guid OrganizationId, Guid EnabledScheduleId, Guid PausedScheduleId);

/// <summary>Every kind of row an organization owns, counted without the tenant filter but by organization id.</summary>
public sealed record OrganizationRows(
    bool Exists, int Clients, int Domains, int Scans, int Findings, int Schedules, int ApiKeys, int Webhooks, int Deliveries,
    int Logs, int Invitations, int AuditEvents, int Memberships);

internal static class PrivacyTestData
{
    public const string Password = "Test-Password-123!";

    /// <summary>An organization with two of everything it can own (one schedule enabled, one paused, with real triggers).</summary>
    public static async Task<SeededOrganization> SeedOrganizationAsync(this WebAppFixture app, string name)
    {
        var owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@privacy.example", name);
        var now = DateTimeOffset.UtcNow;
        Guid clientId, domainId;
        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = $"{name} client" };
            var domain = new MonitoredDomain { ClientId = client.Id, Name = $"{Guid.NewGuid():N}.example.com", DisplayName = "d1" };
            var domain2 = new MonitoredDomain { ClientId = client.Id, Name = $"{Guid.NewGuid():N}.example.com", DisplayName = "d2" };
            var done = new Scan { DomainId = domain.Id, QueuedAt = now };
            done.MarkRunning(now);
            done.Complete(80, "B", "low_medium", 1, "{}", now);
            var queued = new Scan { DomainId = domain2.Id, QueuedAt = now };
            var key = ApiKeySecret.Generate();
            var apiKey = new ApiKey { Name = "k", Prefix = key.Prefix, Sha256Hash = key.Sha256Hash, Scopes = [ApiScopes.All[0]], CreatedAt = now };
            var webhook = new WebhookEndpoint { Url = "https://hooks.example.com/x", Events = [WebhookEvents.ScanCompleted], SecretEncrypted = "x", CreatedAt = now };
            db.AddRange(client, domain, domain2, done, queued, apiKey, webhook);
            db.Findings.Add(new Finding { ScanId = done.Id, DomainId = domain.Id, Code = "x.y", Fingerprint = "x.y", Module = "ssl", Title = "t", Severity = Severity.Low });
            db.WebhookDeliveries.Add(new WebhookDelivery { EndpointId = webhook.Id, EventType = WebhookEvents.ScanCompleted, PayloadJson = "{}", CreatedAt = now });
            db.ApiRequestLogs.Add(new ApiRequestLog { ApiKeyId = apiKey.Id, OccurredAt = now, Method = "GET", Path = "/v1/x", StatusCode = 200 });
            db.Invitations.Add(new Invitation
            {
                Email = $"invitee-{Guid.NewGuid():N}@privacy.example", Role = OrganizationRole.Viewer, TokenHash = Guid.NewGuid().ToString("N"),
                InvitedByUserId = owner.UserId, CreatedAt = now, ExpiresAt = now.AddDays(7),
            });
            await db.SaveChangesAsync();
            (clientId, domainId) = (client.Id, domain.Id);
        }
        var enabled = await app.CreateScheduleAsync(owner, new ScheduleInput(clientId, null, ScheduleCadence.Daily, null, null, new TimeOnly(6, 0)));
        var paused = await app.CreateScheduleAsync(owner, new ScheduleInput(null, domainId, ScheduleCadence.Daily, null, null, new TimeOnly(7, 0), Enabled: false));
        return new SeededOrganization(owner, owner.Org, enabled.Id, paused.Id);
    }

    public static Task<OrganizationRows> RowsAsync(this WebAppFixture app, Guid organizationId) =>
        app.QueryAsync(organizationId, async db =>
        {
            IQueryable<T> All<T>() where T : class => db.Set<T>().IgnoreQueryFilters([AppDbContext.TenantFilter]);
            return new OrganizationRows(
                await db.Organizations.AnyAsync(o => o.Id == organizationId),
                await All<Client>().CountAsync(x => x.OrganizationId == organizationId),
                await All<MonitoredDomain>().CountAsync(x => x.OrganizationId == organizationId),
                await All<Scan>().CountAsync(x => x.OrganizationId == organizationId),
                await All<Finding>().CountAsync(x => x.OrganizationId == organizationId),
                await All<ScanSchedule>().CountAsync(x => x.OrganizationId == organizationId),
                await All<ApiKey>().CountAsync(x => x.OrganizationId == organizationId),
                await All<WebhookEndpoint>().CountAsync(x => x.OrganizationId == organizationId),
                await All<WebhookDelivery>().CountAsync(x => x.OrganizationId == organizationId),
                await All<ApiRequestLog>().CountAsync(x => x.OrganizationId == organizationId),
                await All<Invitation>().CountAsync(x => x.OrganizationId == organizationId),
                await All<AuditEvent>().CountAsync(x => x.OrganizationId == organizationId),
                await All<Membership>().CountAsync(x => x.OrganizationId == organizationId));
        });

    public static Task<bool> UserExistsAsync(this WebAppFixture app, TestMember member) =>
        app.QueryAsync(Guid.Empty, db => db.Users.AnyAsync(u => u.Id == member.UserId));
}
