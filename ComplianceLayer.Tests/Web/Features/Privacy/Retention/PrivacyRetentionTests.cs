using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Privacy.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Privacy.Retention;

[Trait("Category", "Integration")]
public sealed class PrivacyRetentionTests(PrivacyAppFixture app) : IClassFixture<PrivacyAppFixture>
{
    private async Task AddAuditEventsAsync(Guid organizationId, params int[] ageDays)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            db.AuditEvents.AddRange(ageDays.Select(days => new AuditEvent
            {
                OccurredAt = DateTimeOffset.UtcNow.AddDays(-days), Actor = "test", Action = "test.old", EntityType = "test", Summary = $"{days} days old",
            }));
            await db.SaveChangesAsync();
        }
    }

    private async Task AddApiLogsAsync(Guid organizationId, params int[] ageDays)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var secret = ApiKeySecret.Generate();
            var key = new ApiKey { Name = "k", Prefix = secret.Prefix, Sha256Hash = secret.Sha256Hash, Scopes = [ApiScopes.ScanRead], CreatedAt = DateTimeOffset.UtcNow };
            db.ApiKeys.Add(key);
            db.ApiRequestLogs.AddRange(ageDays.Select(days => new ApiRequestLog
            {
                ApiKeyId = key.Id, OccurredAt = DateTimeOffset.UtcNow.AddDays(-days), Method = "GET", Path = $"/v1/{days}", StatusCode = 200,
            }));
            await db.SaveChangesAsync();
        }
    }

    private Task<List<string>> AuditSummariesAsync(Guid organizationId) =>
        app.QueryAsync(organizationId, db => db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync());

    private async Task SetSubscriptionAsync(Guid organizationId, SubscriptionStatus status, int periodEndedDaysAgo)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
            organization.SubscriptionStatus = status;
            organization.CurrentPeriodEnd = DateTimeOffset.UtcNow.AddDays(-periodEndedDaysAgo);
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task AuditEventRetention_OldEvents_DeletedPerOrganizationWithCountEvent()
    {
        var old = await app.CreateUserAsync(MemberTestExtensions.NewEmail("old"), "Old Audit Org");
        var recent = await app.CreateUserAsync(MemberTestExtensions.NewEmail("recent"), "Recent Audit Org");
        await AddAuditEventsAsync(old.Org, 800, 731, 700);
        await AddAuditEventsAsync(recent.Org, 10);

        var counts = await app.Services.GetRequiredService<AuditEventRetention>().RunAsync(CancellationToken.None);

        Assert.Equal(2, Assert.Single(counts, c => c.OrganizationId == old.Org).Rows);
        Assert.DoesNotContain(counts, c => c.OrganizationId == recent.Org);
        var oldSummaries = await AuditSummariesAsync(old.Org);
        Assert.DoesNotContain("800 days old", oldSummaries);
        Assert.DoesNotContain("731 days old", oldSummaries);
        Assert.Contains("700 days old", oldSummaries);
        var audit = Assert.Single(await app.AuditEventsAsync(old.Org, "retention.audit_events_deleted"));
        Assert.StartsWith("Deleted 2 audit events older than", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("10 days old", await AuditSummariesAsync(recent.Org));
        Assert.Empty(await app.AuditEventsAsync(recent.Org, "retention.audit_events_deleted"));
    }

    [Fact]
    public async Task ApiRequestLogRetention_OldLogs_AuditedWithCountPerOrganization()
    {
        var first = await app.CreateUserAsync(MemberTestExtensions.NewEmail("logs1"), "Logs One");
        var second = await app.CreateUserAsync(MemberTestExtensions.NewEmail("logs2"), "Logs Two");
        await AddApiLogsAsync(first.Org, 120, 91, 5);
        await AddApiLogsAsync(second.Org, 95, 89);

        var counts = await app.Services.GetRequiredService<ApiRequestLogRetention>().RunPerOrganizationAsync(CancellationToken.None);

        Assert.Equal(2, Assert.Single(counts, c => c.OrganizationId == first.Org).Rows);
        Assert.Equal(1, Assert.Single(counts, c => c.OrganizationId == second.Org).Rows);
        Assert.StartsWith("Deleted 2 API request log entries", Assert.Single(await app.AuditEventsAsync(first.Org, "retention.api_logs_deleted")).Summary, StringComparison.Ordinal);
        Assert.StartsWith("Deleted 1 API request log entries", Assert.Single(await app.AuditEventsAsync(second.Org, "retention.api_logs_deleted")).Summary, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(first.Org, db => db.ApiRequestLogs.CountAsync()));
        Assert.Equal(1, await app.QueryAsync(second.Org, db => db.ApiRequestLogs.CountAsync()));
    }

    [Fact]
    public async Task CanceledOrganizationRetention_PurgesOnlyNinetyDaysAfterThePeriodEnd()
    {
        var expired = await app.SeedOrganizationAsync("Canceled Long Ago");
        var recent = await app.SeedOrganizationAsync("Canceled Recently");
        var active = await app.SeedOrganizationAsync("Active Old Period");
        await SetSubscriptionAsync(expired.OrganizationId, SubscriptionStatus.Canceled, periodEndedDaysAgo: 91);
        await SetSubscriptionAsync(recent.OrganizationId, SubscriptionStatus.Canceled, periodEndedDaysAgo: 89);
        await SetSubscriptionAsync(active.OrganizationId, SubscriptionStatus.Active, periodEndedDaysAgo: 200);
        var recentBefore = await app.RowsAsync(recent.OrganizationId);

        await using var scope = app.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<CanceledOrganizationRetention>().RunAsync(CancellationToken.None);

        Assert.Equal(expired.OrganizationId, Assert.Single(results).OrganizationId);
        Assert.False((await app.RowsAsync(expired.OrganizationId)).Exists);
        Assert.False(await app.UserExistsAsync(expired.Owner));
        Assert.Equal(recentBefore, await app.RowsAsync(recent.OrganizationId));
        Assert.True((await app.RowsAsync(active.OrganizationId)).Exists);
    }

    [Theory]
    [InlineData(730, true)]
    [InlineData(90, true)]
    [InlineData(30, false)]
    [InlineData(4000, false)]
    public void Options_AuditEventRetention_Validated(int days, bool valid)
    {
        var options = new RetentionOptions { AuditEventRetention = TimeSpan.FromDays(days) };
        Assert.Equal(valid, !options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Any());
    }
}
