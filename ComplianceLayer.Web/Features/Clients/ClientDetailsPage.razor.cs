using ComplianceLayer.Web.Components.Common;
using ComplianceLayer.Web.Features.Domains;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Features.Schedules;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Clients;

/// <summary>
/// /clients/{id}: the client, its domains with their latest results (and a tab to manage them), its average score trend and its
/// compliance summary. Another organization's client is "not found": the tenant filter hides it.
/// </summary>
public sealed partial class ClientDetailsPage
{
    [Inject]
    private ClientService Clients { get; set; } = default!;

    [Inject]
    private DomainService Domains { get; set; } = default!;

    [Inject]
    private IDialogService DialogService { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ScanRequests ScanRequests { get; set; } = default!;

    [Inject]
    private ScheduleService Schedules { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    private ClientDetails? _client;
    private DomainGrid? _grid;
    private ClientDomainsGrid? _results;
    private ClientScoreTrend? _trend;
    private ClientComplianceSummary? _compliance;
    private bool _loading = true;
    private bool _canManageClients;
    private bool _canManageDomains;
    private bool _canManageSchedules;
    private string? _newDomain;
    private bool _adding;
    private bool _scanning;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter]
    public Guid ClientId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        var user = (await AuthenticationState).User;
        _canManageClients = (await Authorization.AuthorizeAsync(user, Policies.ManageClients)).Succeeded;
        _canManageDomains = (await Authorization.AuthorizeAsync(user, Policies.ManageDomains)).Succeeded;
        _canManageSchedules = (await Authorization.AuthorizeAsync(user, Policies.ManageSchedules)).Succeeded;
        await RefreshClientAsync();
        _loading = false;
    }

    private async Task ScanAllAsync()
    {
        _scanning = true;
        ClientScanRequest? result = null;
        if (await UiErrors.TryAsync(Snackbar, async () => result = await ScanRequests.RequestClientAsync(ClientId, CancellationToken.None)) && result is not null)
        {
            Snackbar.Add(result.Describe(), result.Queued > 0 ? Severity.Success : Severity.Info);
        }
        _scanning = false;
    }

    private async Task ScheduleAsync()
    {
        var timeZone = await Schedules.GetTimeZoneAsync(CancellationToken.None);
        var parameters = new DialogParameters<ScheduleDialog> { { d => d.ClientId, ClientId }, { d => d.TimeZone, timeZone } };
        var dialog = await DialogService.ShowAsync<ScheduleDialog>($"Schedule scans of {_client!.Name}", parameters, ScheduleDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("See all schedules under Schedules.", Severity.Info);
        }
    }

    private async Task RefreshClientAsync()
    {
        await UiErrors.TryAsync(Snackbar, async () => _client = await Clients.GetAsync(ClientId, CancellationToken.None));
        _breadcrumbs = [new("Clients", "clients"), new(_client?.Name ?? "Client", null, disabled: true)];
    }

    private async Task AddOnEnterAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !string.IsNullOrWhiteSpace(_newDomain) && !_adding)
        {
            await AddDomainAsync();
        }
    }

    private async Task AddDomainAsync()
    {
        _adding = true;
        DomainSummary? added = null;
        if (await UiErrors.TryAsync(Snackbar, async () => added = await Domains.AddAsync(ClientId, _newDomain, CancellationToken.None)))
        {
            Snackbar.Add($"Added {added!.Name}.", Severity.Success);
            _newDomain = null;
            await ReloadDomainsAsync();
        }
        _adding = false;
    }

    private async Task BulkAddAsync()
    {
        var parameters = new DialogParameters<BulkAddDialog> { { d => d.ClientId, ClientId } };
        var dialog = await DialogService.ShowAsync<BulkAddDialog>($"Bulk add domains to {_client!.Name}", parameters, BulkAddDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            await ReloadDomainsAsync();
        }
    }

    private async Task ReloadDomainsAsync()
    {
        await RefreshClientAsync();
        await (_grid?.ReloadAsync() ?? Task.CompletedTask);
        await (_results?.ReloadAsync() ?? Task.CompletedTask);
        await (_trend?.ReloadAsync() ?? Task.CompletedTask);
        await (_compliance?.ReloadAsync() ?? Task.CompletedTask);
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<ClientDialog> { { d => d.Client, _client } };
        var dialog = await DialogService.ShowAsync<ClientDialog>("Edit client", parameters, ClientDialog.Options);
        if (await dialog.Result is { Canceled: false })
        {
            await RefreshClientAsync();
        }
    }

    private async Task DeleteAsync()
    {
        if (await ClientDeletionFlow.ConfirmAndDeleteAsync(Clients, DialogService, Snackbar, ClientId))
        {
            Navigation.NavigateTo("clients");
        }
    }
}
