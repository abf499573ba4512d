using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Schedules;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Privacy;
using ComplianceLayer.Tests.Web.Features.Schedules;
using ComplianceLayer.Web.Features.Privacy.Deletion;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Features.Settings;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Settings;

[Trait("Category", "Integration")]
public sealed class OrganizationSettingsServiceTests(PrivacyAppFixture app) : IClassFixture<PrivacyAppFixture>
{
    private async Task<OrganizationDetails> UpdateAsync(TestMember member, string name, string timeZone)
    {
        await using var scope = app.ScopeFor(member);
        return await scope.ServiceProvider.GetRequiredService<OrganizationSettingsService>()
            .UpdateAsync(new OrganizationDetailsInput(name, timeZone), CancellationToken.None);
    }

    [Fact]
    public async Task UpdateAsync_Rename_SavedAndAudited_OtherOrganizationUntouched()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("rename"), "Old Name");
        var other = await app.CreateUserAsync(MemberTestExtensions.NewEmail("other"), "Old Name");

        var details = await UpdateAsync(owner, "  New Name ", "UTC");

        Assert.Equal("New Name", details.Name);
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "organization.updated"));
        Assert.Contains("\"Old Name\" to \"New Name\"", audit.Summary, StringComparison.Ordinal);
        Assert.Equal("Old Name", (await app.RequireAsync(other, Capability.ViewData)).OrganizationName);
        Assert.Empty(await app.AuditEventsAsync(other.Org, "organization.updated"));
    }

    [Fact]
    public async Task UpdateAsync_NewTimeZone_RewritesScheduleTriggers()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("tz"), "Zone Org");
        var client = await app.CreateClientAsync(owner, "c");
        var schedule = await app.CreateScheduleAsync(owner, new ScheduleInput(client.Id, null, ScheduleCadence.Daily, null, null, new TimeOnly(6, 0)));

        await UpdateAsync(owner, "Zone Org", "Europe/Amsterdam");

        Assert.Equal("Europe/Amsterdam", (await app.TriggerOfAsync(schedule.Id))!.TimeZone.Id);
        Assert.Contains("time zone from UTC to Europe/Amsterdam", Assert.Single(await app.AuditEventsAsync(owner.Org, "organization.updated")).Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Zone Org", "Mars/Olympus_Mons")]
    [InlineData("Zone Org", "")]
    [InlineData("   ", "UTC")]
    public async Task UpdateAsync_InvalidInput_Refused(string name, string timeZone)
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("invalid"), "Zone Org");

        await Assert.ThrowsAsync<ValidationFailedException>(() => UpdateAsync(owner, name, timeZone));

        Assert.Empty(await app.AuditEventsAsync(owner.Org, "organization.updated"));
    }

    [Fact]
    public async Task UpdateAsync_Admin_Refused()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("owner"), "Admin Org");
        var admin = await app.AddNewMemberAsync(owner.Org, "admin", OrganizationRole.Admin);

        await Assert.ThrowsAsync<AccessDeniedException>(() => UpdateAsync(admin, "Taken Over", "UTC"));
    }

    [Fact]
    public async Task UpdateAsync_PendingDeletion_RefusedAsReadOnly()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("pending"), "Pending Settings Org");
        await using (var scope = app.ScopeFor(owner))
        {
            await scope.ServiceProvider.GetRequiredService<AccountDeletion>()
                .RequestAsync(new DeletionConfirmation(PrivacyTestData.Password, "Pending Settings Org"), CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => UpdateAsync(owner, "Renamed", "UTC"));

        Assert.Equal(PendingDeletionPolicy.ReadOnlyMessage, refused.Message);
    }
}
