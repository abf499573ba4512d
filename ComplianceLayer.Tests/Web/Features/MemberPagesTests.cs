using Bunit;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Members;
using ComplianceLayer.Web.Features.Organizations;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using static ComplianceLayer.Tests.Web.Features.MemberTestExtensions;

namespace ComplianceLayer.Tests.Web.Features;

/// <summary>Renders the member pages against the real services, to catch markup and parameter mistakes.</summary>
[Trait("Category", "Integration")]
public sealed class MemberPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    // The machine is shared with other builds; the default one second is too short for a database round trip.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static BunitContext NewContext(AsyncServiceScope scope)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<MemberService>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<InvitationAcceptance>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<OrganizationSwitcher>());
        return ctx;
    }

    [Fact]
    public async Task MembersPage_ShowsMembersAndInvitations_AndInviteDialog()
    {
        var owner = await app.CreateUserAsync(NewEmail("owner"), "Page Org");
        var admin = await app.AddNewMemberAsync(owner.Org, "admin", OrganizationRole.Admin);
        var invited = NewEmail("pending");
        await app.InviteAsync(owner, invited, OrganizationRole.Viewer);
        await using var scope = app.ScopeFor(admin);
        await using var ctx = NewContext(scope);
        var providers = ctx.Render<MudDialogProvider>();
        ctx.Render<MudPopoverProvider>();

        var page = ctx.Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Contains(owner.Email, page.Find("#members-table").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains(admin.Email, page.Find("#members-table").TextContent, StringComparison.Ordinal);
        Assert.Contains(invited, page.Find("#invitations-table").TextContent, StringComparison.Ordinal);

        page.Find("#invite-member").Click();
        providers.WaitForAssertion(() => Assert.NotNull(providers.Find("#invite-email")), Patience);
        Assert.NotNull(providers.Find("#invite-submit"));
    }

    [Fact]
    public async Task AcceptPage_OpenInvitation_ShowsOrganizationAndAcceptButton()
    {
        var owner = await app.CreateUserAsync(NewEmail("owner"), "Accepting Org");
        var invitee = await app.CreateUserAsync(NewEmail("invitee"));
        var sent = await app.InviteAsync(owner, invitee.Email, OrganizationRole.Technician);
        await using var scope = app.ScopeFor(invitee);
        await using var ctx = NewContext(scope);
        ctx.AddAuthorization().SetAuthorized(invitee.Email).SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, invitee.UserId));
        ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo("/invitations/accept?token=" + Uri.EscapeDataString(TokenOf(sent)));

        var page = ctx.Render<CascadingAuthenticationState>(p => p.AddChildContent<AcceptInvitationPage>());

        page.WaitForAssertion(() => Assert.Contains("Accepting Org", page.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains("Technician", page.Markup, StringComparison.Ordinal);
        Assert.False(page.Find("#accept-invitation").HasAttribute("disabled"));
    }
}
