using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Privacy;
using ComplianceLayer.Web.Features.Privacy.Export;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Components.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Scans;

public sealed partial class ScansPage
{
    private MudDataGrid<ScanRow>? _grid;
    private ScanStatus? _status;
    private ScanTrigger? _trigger;
    private bool _loaded;
    private bool _canRun;
    private bool _canExport;
    private IDisposable? _subscription;
    private DateTime _lastReload;
    private bool _reloadPending;
    /// <summary>Modules finished so far per running scan, from live progress events (module → score).</summary>
    private readonly Dictionary<Guid, SortedDictionary<string, int?>> _modules = [];

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "client")]
    public Guid? ClientId { get; set; }

    [SupplyParameterFromQuery(Name = "domain")]
    public Guid? DomainId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var member = await CurrentMember.TryGetAsync(CancellationToken.None);
        if (member is not null)
        {
            _canRun = member.Can(Capability.RunScans);
            _canExport = member.Can(Capability.ExportData);
            // Live: any change to this organization's scans refreshes the grid (at most twice a second).
            _subscription = Progress.Subscribe(member.OrganizationId, change => _ = InvokeAsync(() => OnProgressAsync(change)));
        }
    }

    private async Task<GridData<ScanRow>> LoadAsync(GridState<ScanRow> state, CancellationToken cancellationToken)
    {
        var page = await Queries.ListAsync(
            new ScanListQuery(_status, ClientId, DomainId, _trigger, state.Page, state.PageSize), cancellationToken);
        _loaded = true;
        return new GridData<ScanRow> { Items = page.Items, TotalItems = page.Total };
    }

    private Task OnStatusChanged(ScanStatus? status)
    {
        _status = status;
        return _grid?.ReloadServerData() ?? Task.CompletedTask;
    }

    private Task OnTriggerChanged(ScanTrigger? trigger)
    {
        _trigger = trigger;
        return _grid?.ReloadServerData() ?? Task.CompletedTask;
    }

    private Task OnProgressAsync(ScanProgressEvent change)
    {
        if (change.Module is { } module)
        {
            if (!_modules.TryGetValue(change.ScanId, out var done))
            {
                _modules[change.ScanId] = done = new SortedDictionary<string, int?>(StringComparer.Ordinal);
            }
            done[module] = change.ModuleScore;
            StateHasChanged();
            return Task.CompletedTask;
        }
        if (change.Status is not ScanStatus.Running)
        {
            _modules.Remove(change.ScanId);
        }
        return ReloadThrottledAsync();
    }

    private async Task ReloadThrottledAsync()
    {
        if (_grid is null || _reloadPending)
        {
            return;
        }
        var wait = TimeSpan.FromMilliseconds(500) - (DateTime.UtcNow - _lastReload);
        if (wait > TimeSpan.Zero)
        {
            // A burst of events: one trailing reload picks up all of them.
            _reloadPending = true;
            await Task.Delay(wait);
            _reloadPending = false;
        }
        _lastReload = DateTime.UtcNow;
        await _grid.ReloadServerData();
    }

    private async Task CancelAsync(ScanRow scan)
    {
        if (await UiErrors.TryAsync(Snackbar, () => Cancellation.CancelAsync(scan.Id, CancellationToken.None), $"Scan {scan.JobId} cancelled."))
        {
            await (_grid?.ReloadServerData() ?? Task.CompletedTask);
        }
    }

    /// <summary>Exports the scans in view: the domain or client filtered on, else the whole organization.</summary>
    private async Task ExportAsync()
    {
        var parameters = new DialogParameters<ScanExportDialog>
        {
            { d => d.Scope, DomainId is not null ? ExportScope.Domain : ClientId is not null ? ExportScope.Client : ExportScope.Organization },
            { d => d.ScopeId, DomainId ?? ClientId },
        };
        await DialogService.ShowAsync<ScanExportDialog>("Export scan history", parameters, ScanExportDialog.Options);
    }

    private static string FormatDuration(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalSeconds: < 60 } d => $"{d.TotalSeconds:0} s",
        { } d => $"{(int)d.TotalMinutes} min {d.Seconds} s",
    };

    public void Dispose() => _subscription?.Dispose();
}
