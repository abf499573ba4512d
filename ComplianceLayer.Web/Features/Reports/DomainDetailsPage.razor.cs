using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Web.Components.Charts;
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
    private IReadOnlyList<ChartSeries> _trendSeries = [];
    private bool _loading = true;
    private bool _canScan;
    private IDisposable? _subscription;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private readonly SortedDictionary<string, int?> _modules = new(StringComparer.Ordinal);

    [Parameter]
    public Guid DomainId { get; set; }

    [Inject] private DomainReportQueries Queries { get; set; } = default!;
    [Inject] private DomainTrendQueries TrendQueries { get; set; } = default!;
    [Inject] private ScanRequests ScanRequests { get; set; } = default!;
    [Inject] private ScanProgressHub Progress { get; set; } = default!;
    [Inject] private CurrentMember CurrentMember { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

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
        await UiErrors.TryAsync(Snackbar, async () => _overview = await Queries.GetAsync(DomainId, CancellationToken.None));
        _trend = null;
        if (_overview?.LatestReport is not null)
        {
            await UiErrors.TryAsync(Snackbar, async () => _trend = await TrendQueries.GetAsync(DomainId, cancellationToken: CancellationToken.None));
        }
        _trendSeries = _trend is null ? [] : TrendSeries(_trend);
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
                    Snackbar.Add("The scan failed; see the scans page for the reason.", Severity.Warning);
                }
            }
            await LoadAsync();
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
        }
    }

    /// <summary>The overall score, then one series per module (the legend toggles them).</summary>
    internal static IReadOnlyList<ChartSeries> TrendSeries(DomainTrend trend)
    {
        var series = new List<ChartSeries>
        {
            new("Overall", trend.Points.Select(p => new ChartPoint(p.FinishedAt, p.Score)).ToList()),
        };
        series.AddRange(trend.Modules.Select(module => new ChartSeries(ScoringPolicy.TryGetModule(module, out var definition) ? definition.Name : module,
            trend.Points.Select(p => new ChartPoint(p.FinishedAt, p.ModuleScores.GetValueOrDefault(module))).ToList())));
        return series;
    }

    public void Dispose() => _subscription?.Dispose();
}
