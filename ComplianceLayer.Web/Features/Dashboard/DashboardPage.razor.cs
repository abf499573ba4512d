using System.Data.Common;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Components;

namespace ComplianceLayer.Web.Features.Dashboard;

public sealed partial class DashboardPage
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(1);

    private PortfolioOverview? _overview;
    private DateTimeOffset _now;
    private string? _error;
    private IDisposable? _subscription;
    private DateTimeOffset _lastLoad;
    private bool _reloadPending;

    [Inject] private PortfolioQueries Queries { get; set; } = default!;
    [Inject] private CurrentMember CurrentMember { get; set; } = default!;
    [Inject] private ScanProgressHub Progress { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<DashboardPage> Logger { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        // Live: a scan of this organization changing state (queued, running, completed, failed) reloads the numbers.
        var member = await CurrentMember.TryGetAsync(CancellationToken.None);
        if (member is not null)
        {
            _subscription = Progress.Subscribe(member.OrganizationId, change =>
            {
                if (change.Module is null)
                {
                    _ = InvokeAsync(ReloadThrottledAsync);
                }
            });
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _overview = await Queries.GetAsync(CancellationToken.None);
            _error = null;
        }
        catch (AccessDeniedException ex)
        {
            _error = ex.Message;
        }
        catch (DbException ex)
        {
            Logger.LogError(ex, "Loading the dashboard failed");
            _error = "The dashboard could not be loaded. The database may be unavailable.";
        }
        _now = Time.GetUtcNow();
        _lastLoad = _now;
    }

    private async Task RetryAsync()
    {
        _error = null;
        _overview = null;
        StateHasChanged();
        await LoadAsync();
    }

    /// <summary>A burst of scan events causes one reload now and at most one trailing reload a second later.</summary>
    private async Task ReloadThrottledAsync()
    {
        if (_reloadPending)
        {
            return;
        }
        var wait = ReloadInterval - (Time.GetUtcNow() - _lastLoad);
        if (wait > TimeSpan.Zero)
        {
            _reloadPending = true;
            await Task.Delay(wait, Time);
            _reloadPending = false;
        }
        await LoadAsync();
        StateHasChanged();
    }

    public void Dispose() => _subscription?.Dispose();
}
