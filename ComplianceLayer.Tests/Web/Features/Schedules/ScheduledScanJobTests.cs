using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Schedules;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Tests.Web.Features.Schedules;

/// <summary>Quartz running: a schedule's cron trigger fires at its local time and scans all of the client's domains.</summary>
[Trait("Category", "Integration")]
public sealed class ScheduledScanJobTests(ScanningAppFixture app) : IClassFixture<ScanningAppFixture>
{
    [Fact]
    public async Task Trigger_FiresAtItsTime_AndRequestsOneScheduleScanPerDomainOfTheClient_Once()
    {
        const string zone = "America/New_York";
        var owner = await app.NewOwnerAsync("Firing Org");
        await app.SetTimeZoneAsync(owner.Org, zone);
        var client = await app.CreateClientAsync(owner, "Firing client");
        var domainIds = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            // Not in the loopback DNS zone: the scans fail ("does not resolve"), which is fine here.
            domainIds.Add((await app.AddDomainAsync(owner, client.Id, $"f{i}-{Guid.NewGuid():N}.example.com")).Id);
        }
        var otherClient = await app.CreateClientAsync(owner, "Paused client");
        var pausedDomain = await app.AddDomainAsync(owner, otherClient.Id, $"p-{Guid.NewGuid():N}.example.com");

        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone));
        var at = TimeOnly.FromDateTime(localNow.DateTime.AddSeconds(6));
        at = new TimeOnly(at.Hour, at.Minute, at.Second);
        var schedule = await app.CreateScheduleAsync(owner, new ScheduleInput(client.Id, null, ScheduleCadence.Daily, null, null, at));
        await app.CreateScheduleAsync(owner, new ScheduleInput(otherClient.Id, null, ScheduleCadence.Daily, null, null, at, Enabled: false));
        Assert.InRange(schedule.NextRunUtc!.Value - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromSeconds(8));

        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        List<Scan> scans;
        do
        {
            await Task.Delay(500);
            scans = await app.QueryAsync(owner.Org, db => db.Scans.AsNoTracking().ToListAsync());
        }
        while (scans.Count < domainIds.Count && DateTimeOffset.UtcNow < deadline);
        // Let any duplicate firing or a firing of the paused schedule show up before counting.
        await Task.Delay(TimeSpan.FromSeconds(3));
        scans = await app.QueryAsync(owner.Org, db => db.Scans.AsNoTracking().ToListAsync());

        Assert.Equal(domainIds.Order(), scans.Select(s => s.DomainId).Order());
        Assert.All(scans, s => Assert.Equal(ScanTrigger.Schedule, s.Trigger));
        Assert.All(scans, s => Assert.True(s.QueuedAt >= schedule.NextRunUtc.Value.AddSeconds(-1), "queued before the schedule's time"));
        Assert.DoesNotContain(scans, s => s.DomainId == pausedDomain.Id);
        var trigger = await app.TriggerOfAsync(schedule.Id);
        Assert.InRange(trigger!.NextFireTimeUtc!.Value - schedule.NextRunUtc.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
    }
}
