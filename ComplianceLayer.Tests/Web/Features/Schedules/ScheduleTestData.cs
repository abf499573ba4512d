using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ComplianceLayer.Tests.Web.Features.Schedules;

/// <summary>Arranging schedules through a member's scope, and looking at their Quartz triggers.</summary>
internal static class ScheduleTestData
{
    public static async Task<T> SchedulesAsync<T>(this WebAppFixture app, TestMember member, Func<ScheduleService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<ScheduleService>());
    }

    public static Task<ScheduleSummary> CreateScheduleAsync(this WebAppFixture app, TestMember member, ScheduleInput input) =>
        app.SchedulesAsync(member, s => s.CreateAsync(input, CancellationToken.None));

    public static async Task SetTimeZoneAsync(this WebAppFixture app, Guid organizationId, string timeZone)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
            organization.TimeZone = timeZone;
            await db.SaveChangesAsync();
        }
    }

    public static async Task<IScheduler> SchedulerAsync(this WebAppFixture app) =>
        await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    public static async Task<ICronTrigger?> TriggerOfAsync(this WebAppFixture app, Guid scheduleId) =>
        (ICronTrigger?)await (await app.SchedulerAsync()).GetTrigger(ScheduleTriggers.KeyFor(scheduleId));

    public static async Task<TriggerState> TriggerStateOfAsync(this WebAppFixture app, Guid scheduleId) =>
        await (await app.SchedulerAsync()).GetTriggerState(ScheduleTriggers.KeyFor(scheduleId));
}
