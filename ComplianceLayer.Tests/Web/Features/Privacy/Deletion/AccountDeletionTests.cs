using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Schedules;
using ComplianceLayer.Web.Features.Privacy.Deletion;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ComplianceLayer.Tests.Web.Features.Privacy.Deletion;

[Trait("Category", "Integration")]
public sealed class AccountDeletionTests(PrivacyAppFixture app) : IClassFixture<PrivacyAppFixture>
{
    private async Task<T> AsAsync<T>(TestMember member, Func<AccountDeletion, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<AccountDeletion>());
    }

    private Task<PendingDeletion> RequestAsync(SeededOrganization org, string? name = null, string password = PrivacyTestData.Password) =>
        AsAsync(org.Owner, async d =>
        {
            var summary = await d.GetSummaryAsync(CancellationToken.None);
            return await d.RequestAsync(new DeletionConfirmation(password, name ?? summary.OrganizationName), CancellationToken.None);
        });

    private async Task MakeDueAsync(Guid organizationId)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == organizationId);
            organization.DeletionDueAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }
    }

    private async Task<IReadOnlyList<PurgeResult>> RunJobAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<AccountDeletionJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task GetSummaryAsync_SeededOrganization_CountsWhatWillBeDeleted()
    {
        var org = await app.SeedOrganizationAsync("Summary Org");
        await app.AddNewMemberAsync(org.OrganizationId, "lone", OrganizationRole.Viewer);
        var other = await app.SeedOrganizationAsync("Summary Other");
        await app.AddMemberAsync(org.OrganizationId, other.Owner, OrganizationRole.Technician);

        var summary = await AsAsync(org.Owner, d => d.GetSummaryAsync(CancellationToken.None));

        Assert.Equal((1, 2, 2, 1, 2, 1, 1, 1), (summary.Clients, summary.Domains, summary.Scans, summary.Findings, summary.Schedules,
            summary.ApiKeys, summary.Webhooks, summary.ApiRequestLogs));
        Assert.Equal(3, summary.Members);
        Assert.Equal(2, summary.UsersRemoved);   // the owner and the lone viewer; the other organization's owner stays
        Assert.Null(summary.Pending);
    }

    [Fact]
    public async Task RequestAsync_PasswordAndName_MakesOrganizationPendingAndReadOnly()
    {
        var org = await app.SeedOrganizationAsync("Pending Org");
        var technician = await app.AddNewMemberAsync(org.OrganizationId, "tech", OrganizationRole.Technician);
        var subscription = await app.SubscribeAsync(org.OrganizationId);

        var pending = await RequestAsync(org);

        Assert.InRange(pending.DueAt - pending.RequestedAt, TimeSpan.FromDays(7), TimeSpan.FromDays(7));
        Assert.True(app.WasCanceledAtStripe(subscription));
        Assert.Equal(TriggerState.Paused, await app.TriggerStateOfAsync(org.EnabledScheduleId));
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => app.RequireAsync(org.Owner, Capability.ManageClients));
        Assert.Equal(PendingDeletionPolicy.ReadOnlyMessage, denied.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.RequireAsync(technician, Capability.RunScans));
        await app.RequireAsync(technician, Capability.ViewData);
        var seenByTechnician = await AsAsync(technician, d => d.GetPendingAsync(CancellationToken.None));
        Assert.NotNull(seenByTechnician);
        Assert.False(seenByTechnician.CanUndo);
        Assert.True((await AsAsync(org.Owner, d => d.GetPendingAsync(CancellationToken.None)))!.CanUndo);
        Assert.Single(await app.AuditEventsAsync(org.OrganizationId, "organization.deletion_requested"));
        Assert.Contains(app.Emails.To(org.Owner.Email), m => m.Subject.Contains("scheduled", StringComparison.Ordinal));
        // Nothing is deleted before the grace period ends.
        Assert.Empty(await RunJobAsync());
        Assert.Equal(2, (await app.RowsAsync(org.OrganizationId)).Scans);
    }

    [Fact]
    public async Task CancelAsync_DuringGracePeriod_RestoresWritesAndSchedules()
    {
        var org = await app.SeedOrganizationAsync("Undo Org");
        await RequestAsync(org);

        await AsAsync(org.Owner, async d => { await d.CancelAsync(CancellationToken.None); return 0; });

        await app.RequireAsync(org.Owner, Capability.ManageClients);
        Assert.Equal(TriggerState.Normal, await app.TriggerStateOfAsync(org.EnabledScheduleId));
        Assert.Equal(TriggerState.Paused, await app.TriggerStateOfAsync(org.PausedScheduleId));
        Assert.Null(await AsAsync(org.Owner, d => d.GetPendingAsync(CancellationToken.None)));
        Assert.Single(await app.AuditEventsAsync(org.OrganizationId, "organization.deletion_canceled"));
        Assert.Empty(await RunJobAsync());
        Assert.True((await app.RowsAsync(org.OrganizationId)).Exists);
    }

    [Theory]
    [InlineData("Wrong-Password-1!", null)]
    [InlineData(PrivacyTestData.Password, "Refused Or")]
    [InlineData(PrivacyTestData.Password, "refused org")]
    public async Task RequestAsync_WrongPasswordOrName_RefusedAndNothingChanges(string password, string? name)
    {
        var org = await app.SeedOrganizationAsync("Refused Org");
        var subscription = await app.SubscribeAsync(org.OrganizationId);

        await Assert.ThrowsAsync<ValidationFailedException>(() => RequestAsync(org, name ?? "Refused Org", password));

        Assert.False(app.WasCanceledAtStripe(subscription));
        Assert.Null(await AsAsync(org.Owner, d => d.GetPendingAsync(CancellationToken.None)));
        Assert.Equal(TriggerState.Normal, await app.TriggerStateOfAsync(org.EnabledScheduleId));
        Assert.Empty(await app.AuditEventsAsync(org.OrganizationId, "organization.deletion_requested"));
        await app.RequireAsync(org.Owner, Capability.ManageClients);
    }

    [Theory]
    [InlineData(OrganizationRole.Admin)]
    [InlineData(OrganizationRole.Viewer)]
    public async Task RequestAsync_NotOwner_Refused(OrganizationRole role)
    {
        var org = await app.SeedOrganizationAsync("Roles Org");
        var member = await app.AddNewMemberAsync(org.OrganizationId, "member", role);

        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(member,
            d => d.RequestAsync(new DeletionConfirmation(PrivacyTestData.Password, "Roles Org"), CancellationToken.None)));

        Assert.Null(await AsAsync(org.Owner, d => d.GetPendingAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Job_AfterGracePeriod_DeletesExactlyThatOrganization_AndIsIdempotent()
    {
        var doomed = await app.SeedOrganizationAsync("Doomed Org");
        var kept = await app.SeedOrganizationAsync("Kept Org");
        var lone = await app.AddNewMemberAsync(doomed.OrganizationId, "lone", OrganizationRole.Technician);
        var shared = await app.AddNewMemberAsync(doomed.OrganizationId, "shared", OrganizationRole.Admin);
        await app.AddMemberAsync(kept.OrganizationId, shared, OrganizationRole.Technician);
        var keptBefore = await app.RowsAsync(kept.OrganizationId);
        var sharedStamp = await app.SecurityStampAsync(shared);
        await RequestAsync(doomed);
        await MakeDueAsync(doomed.OrganizationId);

        var result = Assert.Single(await RunJobAsync());

        Assert.Equal(doomed.OrganizationId, result.OrganizationId);
        Assert.Equal((1, 2, 2, 1, 2, 1, 1, 1), (result.Clients, result.Domains, result.Scans, result.Findings, result.Schedules,
            result.ApiKeys, result.Webhooks, result.ApiRequestLogs));
        Assert.Equal((3, 2, 1), (result.Memberships, result.UsersDeleted, result.UsersSignedOut));
        Assert.Equal(new OrganizationRows(false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), await app.RowsAsync(doomed.OrganizationId));
        Assert.Null(await app.TriggerOfAsync(doomed.EnabledScheduleId));
        Assert.Null(await app.TriggerOfAsync(doomed.PausedScheduleId));
        Assert.False(await app.UserExistsAsync(doomed.Owner));
        Assert.False(await app.UserExistsAsync(lone));
        Assert.True(await app.UserExistsAsync(shared));
        Assert.NotEqual(sharedStamp, await app.SecurityStampAsync(shared));
        Assert.Equal(kept.OrganizationId, (await app.RequireAsync(shared, Capability.ViewData)).OrganizationId);
        Assert.Contains(app.Emails.To(doomed.Owner.Email), m => m.Subject.Contains("has been deleted", StringComparison.Ordinal));

        // The other organization is untouched.
        Assert.Equal(keptBefore, await app.RowsAsync(kept.OrganizationId));
        Assert.NotNull(await app.TriggerOfAsync(kept.EnabledScheduleId));
        Assert.True(await app.UserExistsAsync(kept.Owner));

        // A second run has nothing left to do.
        Assert.Empty(await RunJobAsync());
        Assert.Null(await app.Services.GetRequiredService<OrganizationPurge>().PurgeAsync(doomed.OrganizationId, "test", CancellationToken.None));
    }

    [Fact]
    public async Task Job_TriggersAlreadyGone_StillCompletes()
    {
        // A crash after the Quartz step but before the transaction committed leaves the rows and no triggers: the next run finishes.
        var org = await app.SeedOrganizationAsync("Half Done Org");
        await RequestAsync(org);
        await MakeDueAsync(org.OrganizationId);
        var scheduler = await app.SchedulerAsync();
        await scheduler.UnscheduleJob(ScheduleTriggers.KeyFor(org.EnabledScheduleId));
        await scheduler.UnscheduleJob(ScheduleTriggers.KeyFor(org.PausedScheduleId));

        Assert.Single(await RunJobAsync());

        Assert.False((await app.RowsAsync(org.OrganizationId)).Exists);
    }

    [Fact]
    public async Task SubscriptionCanceller_SubscriptionWithoutStripeConfigured_RefusesAndLeavesFreeOrganizationsAlone()
    {
        var withSubscription = await app.SeedOrganizationAsync("Subscribed Org");
        var without = await app.SeedOrganizationAsync("Free Org");
        var (scope, db) = await app.DbForTenantAsync(withSubscription.OrganizationId);
        await using (scope)
        await using (db)
        {
            (await db.Organizations.SingleAsync(o => o.Id == withSubscription.OrganizationId)).StripeSubscriptionId = $"sub_{Guid.NewGuid():N}";
            await db.SaveChangesAsync();
        }
        await using var services = app.Services.CreateAsyncScope();
        var canceller = UnconfiguredCanceller(services.ServiceProvider);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => canceller.CancelImmediatelyAsync(withSubscription.OrganizationId, CancellationToken.None));
        await canceller.CancelImmediatelyAsync(without.OrganizationId, CancellationToken.None);

        Assert.Contains("Stripe is not configured", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAsync_SubscriptionCannotBeCanceled_RefusedAndNothingChanges()
    {
        var org = await app.SeedOrganizationAsync("Uncancellable Org");
        await using var scope = app.ScopeFor(org.Owner);
        // The canceller of an installation without billing, for an organization that has a Stripe subscription.
        var deletion = ActivatorUtilities.CreateInstance<AccountDeletion>(scope.ServiceProvider,
            (ComplianceLayer.Web.Features.Billing.ISubscriptionCanceller)UnconfiguredCanceller(scope.ServiceProvider));
        var (dbScope, db) = await app.DbForTenantAsync(org.OrganizationId);
        await using (dbScope)
        await using (db)
        {
            (await db.Organizations.SingleAsync(o => o.Id == org.OrganizationId)).StripeSubscriptionId = $"sub_{Guid.NewGuid():N}";
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            deletion.RequestAsync(new DeletionConfirmation(PrivacyTestData.Password, "Uncancellable Org"), CancellationToken.None));

        Assert.Contains("nothing was deleted", refused.Message, StringComparison.Ordinal);
        Assert.Null(await AsAsync(org.Owner, d => d.GetPendingAsync(CancellationToken.None)));
        Assert.Equal(TriggerState.Normal, await app.TriggerStateOfAsync(org.EnabledScheduleId));
    }

    [Theory]
    [InlineData("7.00:00:00", true)]
    [InlineData("29.23:00:00", true)]
    [InlineData("30.00:00:00", false)]
    [InlineData("-00:00:01", false)]
    public void Options_GracePeriod_ValidatedAgainstThePolicysThirtyDays(string value, bool valid)
    {
        var options = new AccountDeletionOptions { DeletionGracePeriod = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(valid, !options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Any());
    }

    /// <summary>The real Stripe canceller of an installation where Stripe is not configured.</summary>
    private static ComplianceLayer.Web.Features.Billing.StripeSubscriptionCanceller UnconfiguredCanceller(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<ComplianceLayer.Web.Features.Billing.StripeSubscriptionCanceller>(services,
            new ComplianceLayer.Web.Features.Billing.StripeGateway(Microsoft.Extensions.Options.Options.Create(new ComplianceLayer.Web.Features.Billing.StripeOptions())));
}
