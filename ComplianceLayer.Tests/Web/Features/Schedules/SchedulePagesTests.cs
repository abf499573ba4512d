using Bunit;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace ComplianceLayer.Tests.Web.Features.Schedules;

/// <summary>Renders the schedules page and dialog against the real services, to catch markup and parameter mistakes.</summary>
[Trait("Category", "Integration")]
public sealed class SchedulePagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static BunitContext NewContext(AsyncServiceScope scope, TestMember member, bool canManage)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<ScheduleService>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<ClientService>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<DomainService>());
        var auth = ctx.AddAuthorization().SetAuthorized(member.Email);
        if (canManage)
        {
            auth.SetPolicies(Policies.ManageSchedules);
        }
        return ctx;
    }

    [Fact]
    public async Task SchedulesPage_AsAdmin_ListsSchedulesWithNextRun_AndOpensTheDialog()
    {
        var owner = await app.NewOwnerAsync("Page Org");
        await app.SetTimeZoneAsync(owner.Org, "Europe/Amsterdam");
        var client = await app.CreateClientAsync(owner, "Page client");
        await app.AddDomainAsync(owner, client.Id, $"p{Guid.NewGuid():N}.example.com");
        await app.CreateScheduleAsync(owner, new ScheduleInput(client.Id, null, ScheduleCadence.Monthly, null, ScheduleRules.LastDayOfMonth, new TimeOnly(23, 0)));
        await using var scope = app.ScopeFor(owner);
        await using var ctx = NewContext(scope, owner, canManage: true);
        var providers = ctx.Render<MudDialogProvider>();
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<SchedulesPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=schedule-row]")), Patience);
        Assert.Contains("Page client (client, 1 domain)", page.Find("#schedules-grid").TextContent, StringComparison.Ordinal);
        Assert.Contains("Monthly on the last day at 23:00", page.Find("#schedules-grid").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("23:00", page.Find("[data-testid=schedule-next-run]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Europe/Amsterdam", page.Find("#schedules-time-zone").TextContent);

        page.Find("#new-schedule").Click();
        providers.WaitForAssertion(() => Assert.NotNull(providers.Find("#save-schedule")), Patience);
        Assert.NotNull(providers.Find("#schedule-time"));
    }

    [Fact]
    public async Task SchedulesPage_AsViewer_IsReadOnly()
    {
        var owner = await app.NewOwnerAsync("Viewer Page Org");
        var client = await app.CreateClientAsync(owner, "Viewed client");
        await app.CreateScheduleAsync(owner, new ScheduleInput(client.Id, null, ScheduleCadence.Daily, null, null, new TimeOnly(6, 0)));
        var viewer = await app.NewMemberAsync(owner, OrganizationRole.Viewer);
        await using var scope = app.ScopeFor(viewer);
        await using var ctx = NewContext(scope, viewer, canManage: false);
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<SchedulesPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=schedule-row]")), Patience);
        Assert.Empty(page.FindAll("#new-schedule"));
        Assert.Empty(page.FindAll("[data-testid=edit-schedule]"));
        Assert.Empty(page.FindAll("[data-testid=delete-schedule]"));
        Assert.NotNull(page.Find("#schedules-read-only"));
    }
}
