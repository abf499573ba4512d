using System.Globalization;
using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Compliance;

/// <summary>/compliance?framework=soc2&amp;by=domains|clients&amp;client={id}: the matrix, a page of columns at a time.</summary>
public sealed partial class CompliancePage
{
    private string _framework = ComplianceFrameworks.Soc2;
    private MatrixMode _mode = MatrixMode.Domains;
    private Guid? _clientId;
    private string? _clientName;
    private string? _search;
    private int _page;
    private MatrixData? _data;
    private string? _error;
    private int _load;

    [Inject]
    private ComplianceMatrixQueries Matrix { get; set; } = default!;

    [Inject]
    private ClientService Clients { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService DialogService { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "framework")]
    public string? FrameworkParameter { get; set; }

    [SupplyParameterFromQuery(Name = "by")]
    public string? ByParameter { get; set; }

    [SupplyParameterFromQuery(Name = "client")]
    public Guid? ClientParameter { get; set; }

    private int PageCount => _data is null ? 0 : (_data.TotalColumns + MatrixQuery.DefaultPageSize - 1) / MatrixQuery.DefaultPageSize;

    private string CsvUrl => $"compliance/{_framework}.csv?by={ComplianceCsv.ModeText(_mode)}"
        + (_clientId is { } client ? $"&client={client}" : "");

    protected override async Task OnParametersSetAsync()
    {
        _framework = ComplianceFrameworks.IsKnown(FrameworkParameter) ? FrameworkParameter! : ComplianceFrameworks.Soc2;
        _mode = ByParameter == "clients" ? MatrixMode.Clients : MatrixMode.Domains;
        if (_clientId != ClientParameter)
        {
            _clientId = ClientParameter;
            _clientName = null;
            if (_clientId is { } id)
            {
                try
                {
                    _clientName = (await Clients.GetAsync(id, CancellationToken.None))?.Name ?? "unknown client";
                }
                catch (AccessDeniedException ex)
                {
                    _error = ex.Message;
                    return;
                }
            }
        }
        _page = 0;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        // A slower earlier load must not overwrite a newer one (quick typing, quick paging).
        var load = ++_load;
        _data = null;
        _error = null;
        try
        {
            var data = await Matrix.GetAsync(new MatrixQuery(_framework, _mode, _search, _clientId, _page), CancellationToken.None);
            if (load == _load)
            {
                _data = data;
            }
        }
        catch (Exception ex) when (ex is AccessDeniedException or ValidationFailedException or Npgsql.NpgsqlException or TimeoutException)
        {
            if (load == _load)
            {
                _error = "The matrix could not be loaded: " + ex.Message;
            }
        }
    }

    private void Navigate(string framework, MatrixMode mode, Guid? client)
    {
        var url = Navigation.GetUriWithQueryParameters("compliance", new Dictionary<string, object?>
        {
            ["framework"] = framework,
            ["by"] = ComplianceCsv.ModeText(mode),
            ["client"] = client,
        });
        Navigation.NavigateTo(url, replace: true);
    }

    private Task FrameworkChangedAsync(string framework)
    {
        Navigate(framework, _mode, _clientId);
        return Task.CompletedTask;
    }

    private Task ModeChangedAsync(MatrixMode mode)
    {
        if (mode != _mode)
        {
            _search = null;
            Navigate(_framework, mode, _clientId);
        }
        return Task.CompletedTask;
    }

    private Task ClearClientAsync(MudChip<string> chip)
    {
        Navigate(_framework, _mode, null);
        return Task.CompletedTask;
    }

    private async Task SearchChangedAsync(string? search)
    {
        _search = search;
        _page = 0;
        await LoadAsync();
    }

    private async Task PageChangedAsync(int page)
    {
        _page = page - 1;
        await LoadAsync();
    }

    private async Task OpenCellAsync(MatrixCellSelection selection)
    {
        var parameters = new DialogParameters<CellFindingsDialog>
        {
            { d => d.Selection, selection },
            { d => d.Framework, _framework },
            { d => d.Mode, _mode },
        };
        await DialogService.ShowAsync<CellFindingsDialog>($"{selection.Row.Control} on {selection.Column.Name}", parameters, CellFindingsDialog.Options);
    }

    private string ColumnNoun(int count) => (_mode, count) switch
    {
        (MatrixMode.Clients, 1) => "client",
        (MatrixMode.Clients, _) => "clients",
        (_, 1) => "domain",
        _ => "domains",
    };

    private string EmptyText() => string.IsNullOrWhiteSpace(_search)
        ? _mode == MatrixMode.Clients
            ? "No clients yet: add a client and its domains, then scan them to fill the matrix."
            : "No domains yet: add domains and scan them to fill the matrix."
        : $"No {ColumnNoun(2)} match \"{_search}\".";

    private string RangeText()
    {
        var first = (_page * MatrixQuery.DefaultPageSize) + 1;
        var last = first + _data!.Columns.Count - 1;
        return string.Create(CultureInfo.InvariantCulture, $"Showing {first}–{last} of {_data.TotalColumns} {ColumnNoun(_data.TotalColumns)}, most failing controls first");
    }

    private string LegendText(ControlStatus status) => status switch
    {
        ControlStatus.Fail => _mode == MatrixMode.Clients ? "Fail: at least one domain fails (n/total failing)" : "Fail: a finding of the latest scan fails the control",
        ControlStatus.Pass => _mode == MatrixMode.Clients ? "Pass: every assessed domain passes (n/total passing)" : "Pass: the checks ran and none failed",
        _ => "Not assessed: never scanned, or the checks behind it did not run",
    };
}
