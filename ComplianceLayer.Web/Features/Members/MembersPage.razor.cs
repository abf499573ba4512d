using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Components.Common;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Members;

public sealed partial class MembersPage
{
    private MembersOverview? _overview;
    private string? _error;
    private bool _busy;

    [Inject]
    private MemberService Members { get; set; } = null!;

    [Inject]
    private IDialogService Dialogs { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _overview = await Members.GetOverviewAsync(CancellationToken.None);
            _error = null;
        }
        catch (AccessDeniedException ex)
        {
            _error = ex.Message;
        }
    }

    private bool CanRemove(MemberRow member) =>
        _overview is not null
        && (member.UserId == _overview.Actor.UserId || RolePolicy.CanAssign(_overview.Actor.Role, member.Role, member.Role));

    private async Task OpenInviteDialogAsync()
    {
        if (_overview is null)
        {
            return;
        }
        var parameters = new DialogParameters<InviteMemberDialog>
        {
            { d => d.AssignableRoles, _overview.AssignableRoles(null) },
        };
        var dialog = await Dialogs.ShowAsync<InviteMemberDialog>("Invite a member", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: InvitationSent sent })
        {
            Snackbar.Add($"Invitation sent to {sent.Email} as {sent.Role}.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ChangeRoleAsync(MemberRow member, OrganizationRole role)
    {
        if (role == member.Role)
        {
            return;
        }
        await RunAsync(() => Members.ChangeRoleAsync(member.MembershipId, role, CancellationToken.None),
            $"{member.Email} is now {role}.");
    }

    private async Task RemoveAsync(MemberRow member)
    {
        if (_overview is null)
        {
            return;
        }
        var leaving = member.UserId == _overview.Actor.UserId;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            leaving ? "Leave the organization" : "Remove member",
            leaving
                ? $"Leave {_overview.Actor.OrganizationName}? You lose access to its data at once."
                : $"Remove {member.Email} ({member.Role}) from {_overview.Actor.OrganizationName}? They lose access at once; their past actions stay in the audit log.",
            yesText: leaving ? "Leave" : "Remove", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        var removed = await RunAsync(() => Members.RemoveMemberAsync(member.MembershipId, CancellationToken.None),
            leaving ? null : $"{member.Email} was removed.", reload: !leaving);
        if (removed && leaving)
        {
            Navigation.NavigateTo("/", forceLoad: true);
        }
    }

    private async Task RevokeAsync(InvitationRow invitation) =>
        await RunAsync(() => Members.RevokeInvitationAsync(invitation.InvitationId, CancellationToken.None),
            $"The invitation of {invitation.Email} was revoked.");

    private async Task<bool> RunAsync(Func<Task> action, string? success, bool reload = true)
    {
        _busy = true;
        try
        {
            var done = await UiErrors.TryAsync(Snackbar, action, success);
            if (reload)
            {
                // Reload on failure too: a failed role change must snap the select back to the stored role.
                await LoadAsync();
            }
            return done;
        }
        finally
        {
            _busy = false;
        }
    }
}
