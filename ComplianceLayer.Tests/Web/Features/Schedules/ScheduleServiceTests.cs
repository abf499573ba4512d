using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ComplianceLayer.Tests.Web.Features.Schedules;

/// <summary>The scheduler is not started here: triggers are stored in the database and inspected, never fired.</summary>
[Trait("Category", "Integration")]
public sealed class ScheduleServiceTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly TimeOnly HalfPastTwo = new(2, 30);

    private async Task<(TestMember Owner, Guid ClientId, Guid DomainId)> ArrangeAsync(string timeZone = "Europe/Amsterdam")
    {
        var owner = await app.NewOwnerAsync("Schedules Org");
        await app.SetTimeZoneAsync(owner.Org, timeZone);
        var client = await app.CreateClientAsync(owner, $"Client {Guid.NewGuid():N}");
        var domain = await app.AddDomainAsync(owner, client.Id, $"d{Guid.NewGuid():N}.example.com");
        await app.AddDomainAsync(owner, client.Id, $"e{Guid.NewGuid():N}.example.com");
        return (owner, client.Id, domain.Id);
    }

    private static ScheduleInput Weekly(Guid? clientId, Guid? domainId = null) =>
        new(clientId, domainId, ScheduleCadence.Weekly, DayOfWeek.Monday, null, HalfPastTwo);

    [Fact]
    public async Task Create_ByAdmin_StoresItAuditsIt_AndSchedulesACronTriggerInTheOrganizationsTimeZone()
    {
        var (owner, clientId, _) = await ArrangeAsync();
        var admin = await app.NewMemberAsync(owner, OrganizationRole.Admin);

        var created = await app.CreateScheduleAsync(admin, Weekly(clientId));

        Assert.True(created.Enabled);
        Assert.Equal("Every Monday at 02:30", created.Description);
        Assert.Equal(2, created.DomainCount);
        Assert.Equal("Europe/Amsterdam", created.TimeZone);
        Assert.Equal(DayOfWeek.Monday, created.NextRunLocal!.Value.DayOfWeek);
        Assert.Equal(new TimeSpan(2, 30, 0), created.NextRunLocal.Value.TimeOfDay);
        var stored = await app.QueryAsync(owner.Org, db => db.ScanSchedules.AsNoTracking().SingleAsync(s => s.Id == created.Id));
        Assert.Equal(admin.UserId, stored.CreatedByUserId);
        Assert.Equal(clientId, stored.ClientId);
        Assert.Null(stored.DomainId);

        var trigger = await app.TriggerOfAsync(created.Id);
        Assert.NotNull(trigger);
        Assert.Equal("0 30 2 ? * MON", trigger.CronExpressionString);
        Assert.Equal("Europe/Amsterdam", trigger.TimeZone.Id);
        Assert.Equal(ScheduledScanJob.Key, trigger.JobKey);
        Assert.Equal(created.Id.ToString(), trigger.JobDataMap.GetString(ScheduledScanJob.ScheduleIdKey));
        Assert.Equal(owner.Org.ToString(), trigger.JobDataMap.GetString(ScheduledScanJob.OrganizationIdKey));
        Assert.Equal(TriggerState.Normal, await app.TriggerStateOfAsync(created.Id));
        Assert.Equal(created.NextRunUtc, trigger.NextFireTimeUtc);

        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "schedule.created"));
        Assert.Equal(admin.Email, audit.Actor);
        Assert.Equal(created.Id.ToString(), audit.EntityId);
        Assert.Contains("Every Monday at 02:30", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_ChangesTargetAndTiming_ReplacesTheTrigger_AndAudits()
    {
        var (owner, clientId, domainId) = await ArrangeAsync();
        var created = await app.CreateScheduleAsync(owner, Weekly(clientId));

        var updated = await app.SchedulesAsync(owner, s => s.UpdateAsync(created.Id,
            new ScheduleInput(null, domainId, ScheduleCadence.Monthly, null, ScheduleRules.LastDayOfMonth, new TimeOnly(23, 15)), CancellationToken.None));

        Assert.Equal(domainId, updated.DomainId);
        Assert.Null(updated.ClientId);
        Assert.Equal(1, updated.DomainCount);
        Assert.Equal("Monthly on the last day at 23:15", updated.Description);
        var trigger = await app.TriggerOfAsync(created.Id);
        Assert.Equal("0 15 23 L * ?", trigger!.CronExpressionString);
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "schedule.updated"));
        Assert.Contains("was Every Monday at 02:30", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseAndResume_PauseTheTrigger_HideTheNextRun_AndAudit()
    {
        var (owner, clientId, _) = await ArrangeAsync();
        var created = await app.CreateScheduleAsync(owner, Weekly(clientId));

        var paused = await app.SchedulesAsync(owner, s => s.SetEnabledAsync(created.Id, false, CancellationToken.None));
        Assert.False(paused.Enabled);
        Assert.Null(paused.NextRunUtc);
        Assert.Equal(TriggerState.Paused, await app.TriggerStateOfAsync(created.Id));

        var resumed = await app.SchedulesAsync(owner, s => s.SetEnabledAsync(created.Id, true, CancellationToken.None));
        Assert.True(resumed.Enabled);
        Assert.NotNull(resumed.NextRunUtc);
        Assert.Equal(TriggerState.Normal, await app.TriggerStateOfAsync(created.Id));

        Assert.Single(await app.AuditEventsAsync(owner.Org, "schedule.paused"));
        Assert.Single(await app.AuditEventsAsync(owner.Org, "schedule.resumed"));
    }

    [Fact]
    public async Task Create_Paused_StoresThePausedTrigger()
    {
        var (owner, clientId, _) = await ArrangeAsync();
        var created = await app.CreateScheduleAsync(owner, Weekly(clientId) with { Enabled = false });
        Assert.Equal(TriggerState.Paused, await app.TriggerStateOfAsync(created.Id));
    }

    [Fact]
    public async Task Delete_RemovesTheRowAndTheTrigger_AndAudits()
    {
        var (owner, clientId, _) = await ArrangeAsync();
        var created = await app.CreateScheduleAsync(owner, Weekly(clientId));

        await app.SchedulesAsync(owner, async s => { await s.DeleteAsync(created.Id, CancellationToken.None); return true; });

        Assert.Null(await app.TriggerOfAsync(created.Id));
        Assert.False(await app.QueryAsync(owner.Org, db => db.ScanSchedules.AnyAsync(s => s.Id == created.Id)));
        Assert.Null(await app.SchedulesAsync(owner, s => s.GetAsync(created.Id, CancellationToken.None)));
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "schedule.deleted"));
        Assert.Equal(created.Id.ToString(), audit.EntityId);
    }

    [Theory]
    [InlineData(OrganizationRole.Viewer)]
    [InlineData(OrganizationRole.Technician)]
    public async Task Changes_ByViewerOrTechnician_AreDenied_ButTheyCanList(OrganizationRole role)
    {
        var (owner, clientId, _) = await ArrangeAsync();
        var existing = await app.CreateScheduleAsync(owner, Weekly(clientId));
        var member = await app.NewMemberAsync(owner, role);

        await Assert.ThrowsAsync<AccessDeniedException>(() => app.CreateScheduleAsync(member, Weekly(clientId)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.SchedulesAsync(member, s => s.UpdateAsync(existing.Id, Weekly(clientId), CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.SchedulesAsync(member, s => s.SetEnabledAsync(existing.Id, false, CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.SchedulesAsync(member, async s => { await s.DeleteAsync(existing.Id, CancellationToken.None); return true; }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.SchedulesAsync(member, s => s.ResyncAsync(CancellationToken.None)));

        var list = await app.SchedulesAsync(member, s => s.ListAsync(new ScheduleListQuery(), CancellationToken.None));
        Assert.Equal(existing.Id, Assert.Single(list.Items).Id);
        Assert.Equal(TriggerState.Normal, await app.TriggerStateOfAsync(existing.Id));
        Assert.Single(await app.QueryAsync(owner.Org, db => db.ScanSchedules.ToListAsync()));
    }

    [Fact]
    public async Task OtherOrganization_CannotSeeChangeOrTargetTheSchedulesClientsAndDomains()
    {
        var (a, clientA, domainA) = await ArrangeAsync();
        var scheduleA = await app.CreateScheduleAsync(a, Weekly(clientA));
        var (b, clientB, _) = await ArrangeAsync();

        var listB = await app.SchedulesAsync(b, s => s.ListAsync(new ScheduleListQuery(), CancellationToken.None));
        Assert.Empty(listB.Items);
        Assert.Null(await app.SchedulesAsync(b, s => s.GetAsync(scheduleA.Id, CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.SchedulesAsync(b, s => s.UpdateAsync(scheduleA.Id, Weekly(clientB), CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.SchedulesAsync(b, s => s.SetEnabledAsync(scheduleA.Id, false, CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.SchedulesAsync(b, async s => { await s.DeleteAsync(scheduleA.Id, CancellationToken.None); return true; }));
        var clientError = await Assert.ThrowsAsync<ValidationFailedException>(() => app.CreateScheduleAsync(b, Weekly(clientA)));
        Assert.Equal("That client does not exist (it may have been deleted).", clientError.Message);
        var domainError = await Assert.ThrowsAsync<ValidationFailedException>(() => app.CreateScheduleAsync(b, Weekly(null, domainA)));
        Assert.Equal("That domain does not exist (it may have been deleted).", domainError.Message);

        var stillA = await app.SchedulesAsync(a, s => s.GetAsync(scheduleA.Id, CancellationToken.None));
        Assert.NotNull(stillA);
        Assert.True(stillA.Enabled);
        Assert.Equal(clientA, stillA.ClientId);
        Assert.Equal(TriggerState.Normal, await app.TriggerStateOfAsync(scheduleA.Id));
        Assert.Empty(await app.QueryAsync(b.Org, db => db.ScanSchedules.ToListAsync()));
    }

    [Fact]
    public async Task Create_InvalidInput_IsRefusedWithTheRulesMessage_AndSchedulesNothing()
    {
        var (owner, clientId, domainId) = await ArrangeAsync();
        var both = await Assert.ThrowsAsync<ValidationFailedException>(() => app.CreateScheduleAsync(owner, Weekly(clientId, domainId)));
        Assert.Equal("A schedule scans either a client (all its domains) or one domain, not both.", both.Message);
        var day = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.CreateScheduleAsync(owner, new ScheduleInput(clientId, null, ScheduleCadence.Monthly, null, 31, HalfPastTwo)));
        Assert.StartsWith("Day 31 cannot be used.", day.Message, StringComparison.Ordinal);
        Assert.Empty(await app.QueryAsync(owner.Org, db => db.ScanSchedules.ToListAsync()));
        Assert.Empty(await app.AuditEventsAsync(owner.Org, "schedule.created"));
    }

    [Fact]
    public async Task List_ForAClient_ShowsItsOwnAndItsDomainsSchedules_WithNextRunInLocalTime()
    {
        var (owner, clientId, domainId) = await ArrangeAsync("America/New_York");
        var other = await app.CreateClientAsync(owner, "Other client");
        await app.CreateScheduleAsync(owner, Weekly(clientId));
        await app.CreateScheduleAsync(owner, new ScheduleInput(null, domainId, ScheduleCadence.Daily, null, null, new TimeOnly(7, 0)));
        await app.CreateScheduleAsync(owner, Weekly(other.Id));

        var all = await app.SchedulesAsync(owner, s => s.ListAsync(new ScheduleListQuery(), CancellationToken.None));
        Assert.Equal(3, all.TotalCount);
        var forClient = await app.SchedulesAsync(owner, s => s.ListAsync(new ScheduleListQuery(clientId), CancellationToken.None));
        Assert.Equal(2, forClient.TotalCount);
        var daily = forClient.Items.Single(i => i.DomainId == domainId);
        Assert.Equal("America/New_York", daily.TimeZone);
        Assert.Equal(new TimeSpan(7, 0, 0), daily.NextRunLocal!.Value.TimeOfDay);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(daily.NextRunUtc!.Value), daily.NextRunLocal.Value.Offset);
        Assert.InRange(daily.NextRunUtc.Value - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task DeletingTheClient_CascadesToItsSchedules()
    {
        var (owner, clientId, domainId) = await ArrangeAsync();
        await app.CreateScheduleAsync(owner, Weekly(clientId));
        await app.CreateScheduleAsync(owner, Weekly(null, domainId));

        await app.ClientsAsync(owner, s => s.DeleteAsync(clientId, CancellationToken.None));

        Assert.Empty(await app.QueryAsync(owner.Org, db => db.ScanSchedules.ToListAsync()));
    }

    [Fact]
    public async Task Resync_AfterATimeZoneChange_MovesEveryTriggerToTheNewZone()
    {
        var (owner, clientId, domainId) = await ArrangeAsync();
        var first = await app.CreateScheduleAsync(owner, Weekly(clientId));
        var second = await app.CreateScheduleAsync(owner, Weekly(null, domainId) with { Enabled = false });
        await app.SetTimeZoneAsync(owner.Org, "America/New_York");

        var count = await app.SchedulesAsync(owner, s => s.ResyncAsync(CancellationToken.None));

        Assert.Equal(2, count);
        Assert.Equal("America/New_York", (await app.TriggerOfAsync(first.Id))!.TimeZone.Id);
        Assert.Equal("America/New_York", (await app.TriggerOfAsync(second.Id))!.TimeZone.Id);
        Assert.Equal(TriggerState.Paused, await app.TriggerStateOfAsync(second.Id));
    }
}
