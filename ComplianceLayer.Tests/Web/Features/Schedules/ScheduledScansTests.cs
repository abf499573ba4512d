using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Infrastructure.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ComplianceLayer.Tests.Web.Features.Schedules;

/// <summary>
/// What a firing does, driven by hand (the scheduler is not started, so the scans stay queued and their Quartz
/// triggers can be inspected).
/// </summary>
[Trait("Category", "Integration")]
public sealed class ScheduledScansTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<(TestMember Owner, Guid ClientId, List<Guid> DomainIds)> ArrangeAsync(int domains)
    {
        var owner = await app.NewOwnerAsync("Jitter Org");
        var client = await app.CreateClientAsync(owner, "Jitter client");
        var ids = new List<Guid>();
        for (var i = 0; i < domains; i++)
        {
            ids.Add((await app.AddDomainAsync(owner, client.Id, $"j{i}-{Guid.NewGuid():N}.example.com")).Id);
        }
        return (owner, client.Id, ids);
    }

    private async Task<ScheduledRun> FireAsync(Guid organizationId, Guid scheduleId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduledScans>().RunAsync(organizationId, scheduleId, CancellationToken.None);
    }

    private static ScheduleInput Daily(Guid clientId) => new(clientId, null, ScheduleCadence.Daily, null, null, new TimeOnly(4, 0));

    [Fact]
    public async Task Run_RequestsAScheduleScanPerDomain_SpreadEvenlyOverTheJitterWindow()
    {
        var (owner, clientId, domainIds) = await ArrangeAsync(5);
        var schedule = await app.CreateScheduleAsync(owner, Daily(clientId));
        var before = DateTimeOffset.UtcNow;

        var run = await FireAsync(owner.Org, schedule.Id);

        Assert.Equal(new ScheduledRun(ScheduledRunStatus.Requested, 5, 5, TimeSpan.FromSeconds(10)), run);
        var scans = await app.QueryAsync(owner.Org, db => db.Scans.AsNoTracking().ToListAsync());
        Assert.Equal(domainIds.Order(), scans.Select(s => s.DomainId).Order());
        Assert.All(scans, s => Assert.Equal(ScanTrigger.Schedule, s.Trigger));
        Assert.All(scans, s => Assert.Equal(ScanStatus.Queued, s.Status));

        var starts = (await ScanTriggerStartsAsync(scans.Select(s => s.Id))).Order().ToList();
        Assert.Equal(5, starts.Count);
        Assert.InRange(starts[0] - before, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        for (var i = 1; i < starts.Count; i++)
        {
            // 2 s apart (the per-domain spacing), give or take the time the requests themselves took.
            Assert.InRange(starts[i] - starts[i - 1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        }
        Assert.InRange(starts[^1] - starts[0], TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Run_Twice_DoesNotDoubleTheScansAlreadyQueued()
    {
        var (owner, clientId, _) = await ArrangeAsync(2);
        var schedule = await app.CreateScheduleAsync(owner, Daily(clientId));

        await FireAsync(owner.Org, schedule.Id);
        var again = await FireAsync(owner.Org, schedule.Id);

        Assert.Equal(0, again.Queued);
        Assert.Equal(2, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync()));
    }

    [Fact]
    public async Task Run_PausedSchedule_RequestsNothing()
    {
        var (owner, clientId, _) = await ArrangeAsync(2);
        var schedule = await app.CreateScheduleAsync(owner, Daily(clientId) with { Enabled = false });

        var run = await FireAsync(owner.Org, schedule.Id);

        Assert.Equal(ScheduledRunStatus.Disabled, run.Status);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync()));
    }

    [Fact]
    public async Task Run_DeletedSchedule_RequestsNothing()
    {
        var (owner, clientId, _) = await ArrangeAsync(2);
        var schedule = await app.CreateScheduleAsync(owner, Daily(clientId));
        await app.SchedulesAsync(owner, async s => { await s.DeleteAsync(schedule.Id, CancellationToken.None); return true; });

        var run = await FireAsync(owner.Org, schedule.Id);

        Assert.Equal(ScheduledRunStatus.Missing, run.Status);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync()));
    }

    [Fact]
    public async Task Run_WithAnotherOrganizationsId_FindsNoSchedule()
    {
        var (owner, clientId, _) = await ArrangeAsync(1);
        var schedule = await app.CreateScheduleAsync(owner, Daily(clientId));
        var stranger = await app.NewOwnerAsync("Stranger");

        var run = await FireAsync(stranger.Org, schedule.Id);

        Assert.Equal(ScheduledRunStatus.Missing, run.Status);
        Assert.Equal(0, await app.QueryAsync(owner.Org, db => db.Scans.CountAsync()));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3, 6)]
    [InlineData(450, 900)]
    [InlineData(500, 900)]
    public void JitterWindow_IsTwoSecondsPerDomain_CappedAtFifteenMinutes(int domains, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ScheduledScans.JitterWindow(domains, new JobSchedulerOptions()));

    [Fact]
    public void Delay_SpreadsEvenly_FirstAtOnce()
    {
        var window = TimeSpan.FromMinutes(15);
        Assert.Equal(TimeSpan.Zero, ScheduledScans.Delay(0, 500, window));
        Assert.Equal(TimeSpan.FromSeconds(1.8), ScheduledScans.Delay(1, 500, window));
        Assert.Equal(TimeSpan.FromSeconds(898.2), ScheduledScans.Delay(499, 500, window));
    }

    private async Task<List<DateTimeOffset>> ScanTriggerStartsAsync(IEnumerable<Guid> scanIds)
    {
        var wanted = scanIds.Select(id => id.ToString()).ToHashSet();
        var scheduler = await app.SchedulerAsync();
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(ScanDispatcher.TriggerGroup));
        var starts = new List<DateTimeOffset>();
        foreach (var key in keys)
        {
            var trigger = await scheduler.GetTrigger(key);
            if (trigger is not null && wanted.Contains(trigger.JobDataMap.GetString(ScanJob.ScanIdKey) ?? ""))
            {
                starts.Add(trigger.StartTimeUtc);
            }
        }
        return starts;
    }
}
