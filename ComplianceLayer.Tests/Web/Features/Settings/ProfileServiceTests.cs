using System.Net;
using System.Text.RegularExpressions;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Web.Features.Privacy;
using ComplianceLayer.Web.Features.Settings;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Settings;

[Trait("Category", "Integration")]
public sealed partial class ProfileServiceTests(PrivacyAppFixture app) : IClassFixture<PrivacyAppFixture>
{
    private static readonly Uri BaseUri = new("http://localhost/");

    private async Task<T> AsAsync<T>(TestMember member, Func<ProfileService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<ProfileService>());
    }

    private Task<string?> EmailOfAsync(TestMember member) =>
        app.QueryAsync(Guid.Empty, db => db.Users.Where(u => u.Id == member.UserId).Select(u => u.Email).SingleAsync());

    [GeneratedRegex("Link: (\\S+)")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task RequestEmailChangeAsync_SendsConfirmation_EmailChangesOnlyAfterConfirming()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("profile"), "Profile Org");
        var newEmail = MemberTestExtensions.NewEmail("renamed");

        await AsAsync(owner, async p => { await p.RequestEmailChangeAsync(newEmail, BaseUri, CancellationToken.None); return 0; });

        var mail = Assert.Single(app.Emails.To(newEmail));
        Assert.Equal(owner.Email, await EmailOfAsync(owner));
        Assert.Single(await app.AuditEventsAsync(owner.Org, "profile.email_change_requested"));

        // Following the link (the account page that confirms) makes the change.
        var link = new Uri(LinkPattern().Match(mail.HtmlBody).Groups[1].Value);
        using var client = app.Factory.CreateClient();
        var response = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you for confirming your email change", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(newEmail, await EmailOfAsync(owner));
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "profile.email_changed"));
        Assert.Contains(newEmail, audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmEmailChangeAsync_TamperedCode_ChangesNothing()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("tamper"), "Tamper Org");

        var user = await app.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<ProfileService>()
            .ConfirmEmailChangeAsync(owner.UserId, MemberTestExtensions.NewEmail("evil"), "bm90LWEtdG9rZW4", CancellationToken.None);

        Assert.Null(user);
        Assert.Equal(owner.Email, await EmailOfAsync(owner));
        Assert.Empty(await app.AuditEventsAsync(owner.Org, "profile.email_changed"));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("")]
    public async Task RequestEmailChangeAsync_InvalidAddress_Refused(string address)
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("invalid"), "Invalid Org");
        var sent = app.Emails.Sent.Count;

        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync(owner, async p =>
        {
            await p.RequestEmailChangeAsync(address, BaseUri, CancellationToken.None);
            return 0;
        }));

        Assert.Equal(sent, app.Emails.Sent.Count);
    }

    [Fact]
    public async Task UpdateDisplayNameAsync_NewName_SavedAndAuditedInEveryOrganization()
    {
        var owner = await app.CreateUserAsync(MemberTestExtensions.NewEmail("name"), "Name Org");
        var other = await app.CreateUserAsync(MemberTestExtensions.NewEmail("other"), "Other Name Org");
        await app.AddMemberAsync(other.Org, owner, ComplianceLayer.Domain.Organizations.OrganizationRole.Viewer);

        var profile = await AsAsync(owner, p => p.UpdateDisplayNameAsync("  Ada Lovelace ", CancellationToken.None));

        Assert.Equal("Ada Lovelace", profile.DisplayName);
        Assert.Equal("Ada Lovelace", (await AsAsync(owner, p => p.GetAsync(CancellationToken.None))).DisplayName);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "profile.updated"));
        Assert.Single(await app.AuditEventsAsync(other.Org, "profile.updated"));
    }
}
