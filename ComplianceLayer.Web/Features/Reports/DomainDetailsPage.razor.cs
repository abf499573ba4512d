using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Components.Common;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Reports;

public sealed partial class DomainDetailsPage
{
    private DomainOverview? _overview;
    private DomainTrend? _trend;
    private ReportDiff? _diff;
    private bool _loading = true;
    private bool _failed;
    private bool _canScan;
    private IDisposable? _subscription;
    private ScanHistoryTable? _history;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private readonly SortedDictionary<string, int?> _modules = new(StringComparer.Ordinal);

    [Parameter]
    public Guid DomainId { get; set; }

    [Inject] private DomainReportQueries Queries { get; set; } = default!;
    [Inject] private DomainTrendQueries TrendQueries { get; set; } = default!;
    [Inject] private ReportDiffQueries DiffQueries { get; set; } = default!;
    [Inject] private ScanRequests ScanRequests { get; set; } = default!;
    [Inject] private ScanProgressHub Progress { get; set; } = default!;
    [Inject] private CurrentMember CurrentMember { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<DomainDetailsPage> Logger { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        var member = await CurrentMember.TryGetAsync(CancellationToken.None);
        _canScan = member?.Can(Capability.RunScans) == true;
        if (member is not null && _subscription is null)
        {
            _subscription = Progress.Subscribe(member.OrganizationId, e => _ = InvokeAsync(() => OnProgressAsync(e)));
        }
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        try
        {
            await UiErrors.TryAsync(Snackbar, async () => _overview = await Queries.GetAsync(DomainId, CancellationToken.None));
            _trend = null;
            _diff = null;
            if (_overview is { LatestReport: not null, LatestJobId: { } latestJobId })
            {
                await UiErrors.TryAsync(Snackbar, async () =>
                {
                    _trend = await TrendQueries.GetAsync(DomainId, cancellationToken: CancellationToken.None);
                    _diff = await DiffQueries.SincePreviousAsync(latestJobId, CancellationToken.None);
                });
            }
            _failed = false;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or System.Text.Json.JsonException)
        {
            Logger.LogError(ex, "Loading domain {DomainId} failed", DomainId);
            _failed = true;
        }
        _breadcrumbs = _overview is null ? [] :
        [
            new("Clients", "clients"),
            new(_overview.ClientName, $"clients/{_overview.ClientId}"),
            new(_overview.Name, null, disabled: true),
        ];
    }

    private async Task OnProgressAsync(ScanProgressEvent change)
    {
        if (change.DomainId != DomainId)
        {
            return;
        }
        if (change.Module is { } module)
        {
            _modules[module] = change.ModuleScore;
        }
        else
        {
            if (change.Status is ScanStatus.Completed or ScanStatus.Failed)
            {
                _modules.Clear();
                if (change.Status == ScanStatus.Failed)
                {
                    Snackbar.Add("The scan failed; the scan history shows the reason.", Severity.Warning);
                }
            }
            await LoadAsync();
            await (_history?.ReloadAsync() ?? Task.CompletedTask);
        }
        StateHasChanged();
    }

    private async Task ScanNowAsync()
    {
        ScanRequestResult? result = null;
        if (await UiErrors.TryAsync(Snackbar, async () => result = await ScanRequests.RequestAsync(DomainId, CancellationToken.None)) && result is not null)
        {
            Snackbar.Add(result.Created ? $"Scan queued ({result.Scan.JobId})." : $"A scan is already {result.Scan.Status.ToString().ToLowerInvariant()}.", Severity.Info);
            _modules.Clear();
            await LoadAsync();
            await (_history?.ReloadAsync() ?? Task.CompletedTask);
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
