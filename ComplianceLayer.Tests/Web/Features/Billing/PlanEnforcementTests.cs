using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Api;
using ComplianceLayer.Tests.Web.Features.Schedules;
using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Features.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Billing;

/// <summary>
/// Every plan limit, through the same services the pages use, through the API and through a firing schedule. The trial of
/// <see cref="BillingTestSettings"/> allows 2 domains, 2 scans a month and weekly schedules; Starter has no API access.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PlanEnforcementTests(BillingAppFixture app) : IClassFixture<BillingAppFixture>
{
    private static readonly string NextReset = PlanRules.UsagePeriodAt(DateTimeOffset.UtcNow).ResetsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private async Task<(TestMember Owner, Guid ClientId)> NewOrganizationAsync()
    {
        var owner = await app.NewOwnerAsync("Plan MSP");
        var client = await app.CreateClientAsync(owner, "Client");
        return (owner, client.Id);
    }

    private async Task<Guid> AddScanOfThisMonthAsync(TestMember owner, Guid clientId, string name, int scans)
    {
        var domain = await app.AddDomainAsync(owner, clientId, name);
        await app.AddScansAsync(owner.Org, domain.Id, scans);
        return domain.Id;
    }

    [Fact]
    public async Task NewOrganization_StartsOnTheTrial_EndingAfterItsTrialDays()
    {
        var owner = await app.NewOwnerAsync();
        var organization = await app.OrganizationAsync(owner.Org);
        Assert.Equal("trial", organization.PlanCode);
        Assert.Equal(SubscriptionStatus.Trialing, organization.SubscriptionStatus);
        Assert.InRange(organization.CurrentPeriodEnd!.Value - organization.CreatedAt, TimeSpan.FromDays(14), TimeSpan.FromDays(14));
    }

    [Fact]
    public async Task AddDomain_PastTheLimit_IsRefusedWithTheLimitAndUsage()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        await app.AddDomainAsync(owner, clientId, "one.example.com");
        await app.AddDomainAsync(owner, clientId, "two.example.com");

        var refused = await Assert.ThrowsAsync<PlanLimitExceededException>(() => app.AddDomainAsync(owner, clientId, "three.example.com"));

        Assert.Equal(PlanLimitKind.LimitReached, refused.Kind);
        Assert.Equal("The Trial plan allows 2 monitored domains; 2 are in use, so 1 more domain cannot be added. Remove domains or upgrade under Settings → Billing.", refused.Message);
        Assert.Equal(2, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task AddDomain_ConcurrentRequestsForTheLastSlots_NeverExceedTheLimit()
    {
        var (owner, clientId) = await NewOrganizationAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await app.AddDomainAsync(owner, clientId, $"race{i}.example.com");
                return true;
            }
            catch (PlanLimitExceededException)
            {
                return false;
            }
        }));

        Assert.Equal(2, attempts.Count(added => added));
        Assert.Equal(2, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task AddDomain_OtherOrganizationsDomains_DoNotCount()
    {
        var (other, otherClient) = await NewOrganizationAsync();
        await app.AddDomainAsync(other, otherClient, "a.example.com");
        await app.AddDomainAsync(other, otherClient, "b.example.com");
        var (owner, clientId) = await NewOrganizationAsync();

        await app.AddDomainAsync(owner, clientId, "a.example.com");
        await app.AddDomainAsync(owner, clientId, "b.example.com");

        Assert.Equal(2, await app.QueryAsync(owner.Org, db => db.Domains.CountAsync()));
    }

    [Fact]
    public async Task Invite_PastTheTeamSize_IsRefusedCountingOpenInvitations()
    {
        var owner = await app.NewOwnerAsync("Team MSP");
        await using var scope = app.ScopeFor(owner);
        var members = scope.ServiceProvider.GetRequiredService<ComplianceLayer.Web.Features.Members.MemberService>();
        var site = new Uri("http://127.0.0.1/");
        await members.InviteAsync("first@team.example", OrganizationRole.Technician, site, CancellationToken.None);
        await members.InviteAsync("second@team.example", OrganizationRole.Viewer, site, CancellationToken.None);
        // Re-inviting someone replaces their open invitation, so it still fits.
        await members.InviteAsync("second@team.example", OrganizationRole.Technician, site, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PlanLimitExceededException>(() =>
            members.InviteAsync("third@team.example", OrganizationRole.Viewer, site, CancellationToken.None));

        Assert.Equal(PlanLimitKind.LimitReached, refused.Kind);
        Assert.Contains("allows 3 team members; 1 are members and 2 invitations are open", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkAdd_PastTheLimit_AddsWhatFitsAndRejectsTheRestWithTheLimit()
    {
        var (owner, clientId) = await NewOrganizationAsync();

        var result = await app.DomainsAsync(owner, s => s.BulkAddToClientAsync(clientId, "a.example.com\nb.example.com\nc.example.com", CancellationToken.None));

        Assert.Equal(2, result.Added);
        var rejected = Assert.Single(result.Lines, l => l.Status == BulkLineStatus.Rejected);
        Assert.Equal("c.example.com", rejected.Domain);
        Assert.Contains("limit of 2 monitored domains", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestScan_PastTheMonthlyQuota_IsRefusedWithWhenItResets()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        await AddScanOfThisMonthAsync(owner, clientId, "used.example.com", 2);
        var domain = await app.AddDomainAsync(owner, clientId, "fresh.example.com");

        await using var scope = app.ScopeFor(owner);
        var refused = await Assert.ThrowsAsync<PlanLimitExceededException>(() =>
            scope.ServiceProvider.GetRequiredService<ScanRequests>().RequestAsync(domain.Id, CancellationToken.None));

        Assert.Equal(PlanLimitKind.QuotaExceeded, refused.Kind);
        Assert.Equal(PlanRules.UsagePeriodAt(DateTimeOffset.UtcNow).ResetsAt, refused.ResetsAt);
        Assert.Equal($"The Trial plan includes 2 scans per month and all 2 are used. The quota resets on {NextReset} UTC; upgrade under Settings → Billing for more.", refused.Message);
    }

    [Fact]
    public async Task RequestScan_UnderTheQuota_Queues()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        var domainId = await AddScanOfThisMonthAsync(owner, clientId, "one-left.example.com", 1);

        await using var scope = app.ScopeFor(owner);
        var result = await scope.ServiceProvider.GetRequiredService<ScanRequests>().RequestAsync(domainId, CancellationToken.None);

        Assert.True(result.Created);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Trialing, -1, null, true)]   // trial ended yesterday
    [InlineData(SubscriptionStatus.Trialing, 1, null, false)]
    [InlineData(SubscriptionStatus.PastDue, 20, -3, false)]     // within the 7-day grace period
    [InlineData(SubscriptionStatus.PastDue, 20, -8, true)]      // grace period over
    [InlineData(SubscriptionStatus.Canceled, 5, null, false)]   // paid period still running
    [InlineData(SubscriptionStatus.Canceled, -1, null, true)]
    [InlineData(SubscriptionStatus.Active, -1, null, false)]
    public async Task AddDomain_BySubscriptionState_IsReadOnlyOnlyWhenTheRulesSaySo(SubscriptionStatus status, int periodEndDays, int? pastDueDays, bool readOnly)
    {
        var (owner, clientId) = await NewOrganizationAsync();
        var now = DateTimeOffset.UtcNow;
        await app.SetStateAsync(owner.Org, "pro", status, now.AddDays(periodEndDays), pastDueDays is { } d ? now.AddDays(d) : null);

        var add = () => app.AddDomainAsync(owner, clientId, "state.example.com");

        if (readOnly)
        {
            var refused = await Assert.ThrowsAsync<PlanLimitExceededException>(add);
            Assert.Equal(PlanLimitKind.ReadOnly, refused.Kind);
            Assert.Contains("The organization is read-only", refused.Message, StringComparison.Ordinal);
        }
        else
        {
            await add();
        }
    }

    [Fact]
    public async Task CreateSchedule_FinerThanThePlanAllows_IsRefused_AndAllowedCadenceIsNot()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        var daily = new ScheduleInput(clientId, null, ScheduleCadence.Daily, null, null, new TimeOnly(2, 0));

        var refused = await Assert.ThrowsAsync<PlanLimitExceededException>(() => app.CreateScheduleAsync(owner, daily));
        var weekly = await app.CreateScheduleAsync(owner, daily with { Cadence = ScheduleCadence.Weekly, DayOfWeek = DayOfWeek.Monday });

        Assert.Equal("The Trial plan allows schedules at most weekly; a daily schedule needs a higher plan (Settings → Billing).", refused.Message);
        Assert.Equal(ScheduleCadence.Weekly, weekly.Cadence);
    }

    [Fact]
    public async Task ScheduleFiring_WithTheQuotaUsedUp_RequestsNothingAndAuditsWhy()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        await AddScanOfThisMonthAsync(owner, clientId, "quota.example.com", 2);
        var schedule = await app.CreateScheduleAsync(owner, new ScheduleInput(clientId, null, ScheduleCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(2, 0)));

        await using var scope = app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ScheduledScans>().RunAsync(owner.Org, schedule.Id, CancellationToken.None);

        Assert.Equal(ScheduledRunStatus.Refused, run.Status);
        Assert.Equal(0, run.Queued);
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "schedule.scans_skipped"));
        Assert.Contains("includes 2 scans per month", audit.Summary, StringComparison.Ordinal);
        Assert.Equal(2, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync()));
    }

    [Fact]
    public async Task ScheduleFiring_WithOneScanLeft_RequestsOneAndRecordsTheRest()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        await AddScanOfThisMonthAsync(owner, clientId, "q1.example.com", 1);
        await app.AddDomainAsync(owner, clientId, "q2.example.com");
        var schedule = await app.CreateScheduleAsync(owner, new ScheduleInput(clientId, null, ScheduleCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(2, 0)));

        await using var scope = app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ScheduledScans>().RunAsync(owner.Org, schedule.Id, CancellationToken.None);

        Assert.Equal((ScheduledRunStatus.Requested, 2, 1), (run.Status, run.Domains, run.Queued));
        Assert.NotNull(run.PlanRefusal);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "schedule.scans_skipped"));
    }

    [Fact]
    public async Task ScheduleFiring_ReadOnlyOrganization_RequestsNothing()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        await app.AddDomainAsync(owner, clientId, "ro.example.com");
        var schedule = await app.CreateScheduleAsync(owner, new ScheduleInput(clientId, null, ScheduleCadence.Weekly, DayOfWeek.Monday, null, new TimeOnly(2, 0)));
        await app.SetStateAsync(owner.Org, "trial", SubscriptionStatus.Trialing, DateTimeOffset.UtcNow.AddDays(-1));

        await using var scope = app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<ScheduledScans>().RunAsync(owner.Org, schedule.Id, CancellationToken.None);

        Assert.Equal(ScheduledRunStatus.Refused, run.Status);
        Assert.Contains("trial ended", run.PlanRefusal, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync()));
    }

    [Fact]
    public async Task Api_PlanWithoutApiAccess_Returns402ProblemJson()
    {
        var owner = await app.NewOwnerAsync();
        var key = await app.CreateKeyAsync(owner);
        await app.SetStateAsync(owner.Org, "starter", SubscriptionStatus.Active, DateTimeOffset.UtcNow.AddDays(20));
        using var http = app.ClientWith(key.Key);

        var response = await http.GetAsync("/v1/domains");

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The Starter plan does not include API access. Upgrade under Settings → Billing to use the REST API.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_ScanPastTheQuota_Returns429WithRetryAfterAtTheReset()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        await AddScanOfThisMonthAsync(owner, clientId, "api-quota.example.com", 2);
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);

        var response = await http.PostAsJsonAsync("/v1/scan", new { domain = "api-quota.example.com", force = true });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var untilReset = PlanRules.UsagePeriodAt(DateTimeOffset.UtcNow).ResetsAt - DateTimeOffset.UtcNow;
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, untilReset - TimeSpan.FromMinutes(1), untilReset + TimeSpan.FromMinutes(1));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("includes 2 scans per month", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("QuotaExceeded", problem.GetProperty("plan_limit").GetString());
    }

    [Fact]
    public async Task Api_NewDomainPastTheDomainLimit_Returns402()
    {
        var (owner, clientId) = await NewOrganizationAsync();
        await app.AddDomainAsync(owner, clientId, "d1.example.com");
        await app.AddDomainAsync(owner, clientId, "d2.example.com");
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);

        var response = await http.PostAsJsonAsync("/v1/scan", new { domain = "d3.example.com" });

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("allows 2 monitored domains", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_ReadOnlyOrganization_CanStillRead()
    {
        var owner = await app.NewOwnerAsync();
        var key = await app.CreateKeyAsync(owner);
        await app.SetStateAsync(owner.Org, "pro", SubscriptionStatus.Canceled, DateTimeOffset.UtcNow.AddDays(-1));
        using var http = app.ClientWith(key.Key);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/domains")).StatusCode);
        var write = await http.PostAsJsonAsync("/v1/scan", new { domain = "new.example.com" });
        Assert.Equal(HttpStatusCode.PaymentRequired, write.StatusCode);
    }

    [Fact]
    public void Catalog_FromConfiguration_HasThePlansAndTheirLimits()
    {
        var catalog = app.Services.GetRequiredService<PlanCatalog>();
        Assert.Equal(["trial", "starter", "pro", "business"], catalog.Plans.Select(p => p.Code));
        Assert.Equal(BillingTestSettings.ProPrice, catalog.Find("pro")!.StripeMonthlyPriceId);
        Assert.Null(catalog.Find("business")!.Limits.TeamMembers);
        Assert.Null(catalog.Find("starter")!.Limits.ApiRequestsPerMinute);
        Assert.Equal(2, catalog.Find("trial")!.Limits.MonitoredDomains);
    }
}
