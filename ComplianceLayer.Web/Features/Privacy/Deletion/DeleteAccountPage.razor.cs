using ComplianceLayer.Web.Components.Common;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Privacy.Deletion;

public sealed partial class DeleteAccountPage
{
    private DeletionSummary? _summary;
    private string? _error;
    private string? _typedName;
    private string? _password;
    private bool _busy;

    [Inject]
    private AccountDeletion Deletion { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    private string GraceText => _summary!.GracePeriod.TotalDays >= 1
        ? $"{_summary.GracePeriod.TotalDays:0.#} days"
        : $"{_summary.GracePeriod.TotalHours:0.#} hours";

    private IEnumerable<(string Label, int Count)> Counts =>
    [
        ("Clients", _summary!.Clients),
        ("Domains", _summary.Domains),
        ("Scans and their reports", _summary.Scans),
        ("Findings", _summary.Findings),
        ("Schedules", _summary.Schedules),
        ("API keys", _summary.ApiKeys),
        ("Webhooks", _summary.Webhooks),
        ("API request log entries", _summary.ApiRequestLogs),
        ("Memberships", _summary.Members),
        ("User accounts that belong to no other organization", _summary.UsersRemoved),
    ];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _summary = await Deletion.GetSummaryAsync(CancellationToken.None);
            _error = null;
        }
        catch (AccessDeniedException ex)
        {
            _error = ex.Message;
        }
    }

    private async Task DeleteAsync()
    {
        _busy = true;
        var ok = await UiErrors.TryAsync(Snackbar,
            () => Deletion.RequestAsync(new DeletionConfirmation(_password ?? string.Empty, _typedName ?? string.Empty), CancellationToken.None),
            "The organization is scheduled for deletion.");
        _password = null;
        _busy = false;
        if (ok)
        {
            // A full reload, so that every part of the layout (banner, navigation) shows the read-only state.
            Navigation.Refresh(forceReload: true);
        }
    }

    private async Task UndoAsync()
    {
        _busy = true;
        var ok = await UiErrors.TryAsync(Snackbar, () => Deletion.CancelAsync(CancellationToken.None), "The deletion is undone.");
        _busy = false;
        if (ok)
        {
            Navigation.Refresh(forceReload: true);
        }
    }
}
