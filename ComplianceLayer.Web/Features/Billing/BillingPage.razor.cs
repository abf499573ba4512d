using System.Globalization;
using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Web.Components.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Billing;

public sealed partial class BillingPage
{
    private BillingOverview? _overview;
    private string? _error;
    private bool _busy;

    [Inject]
    private BillingService Billing { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "checkout")]
    public string? Checkout { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (!await UiErrors.TryAsync(Snackbar, async () => _overview = await Billing.GetOverviewAsync(CancellationToken.None)))
        {
            _error = "The billing overview could not be loaded.";
        }
        if (Checkout == "success")
        {
            Snackbar.Add("Thank you: the plan changes as soon as Stripe confirms the payment (usually within seconds).", Severity.Success);
        }
    }

    private async Task ChooseAsync(string planCode)
    {
        _busy = true;
        string? url = null;
        if (await UiErrors.TryAsync(Snackbar, async () => url = await Billing.StartCheckoutAsync(planCode, yearly: false, Navigation.BaseUri, CancellationToken.None))
            && url is not null)
        {
            Navigation.NavigateTo(url, forceLoad: true);
            return;
        }
        _busy = false;
    }

    private async Task OpenPortalAsync()
    {
        _busy = true;
        string? url = null;
        if (await UiErrors.TryAsync(Snackbar, async () => url = await Billing.OpenPortalAsync(Navigation.BaseUri, CancellationToken.None)) && url is not null)
        {
            Navigation.NavigateTo(url, forceLoad: true);
            return;
        }
        _busy = false;
    }

    private static string Limits(PlanLimits limits)
    {
        static string Count(int? value, string noun) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v} {noun}") : $"unlimited {noun}";
        var schedules = limits.SchedulesAllowed ? $"schedules up to {limits.FinestCadence.ToString().ToLowerInvariant()}" : "no schedules";
        var api = limits.ApiAccess
            ? limits.ApiRequestsPerMinute is { } rpm ? string.Create(CultureInfo.InvariantCulture, $"API ({rpm}/min)") : "API"
            : "no API";
        return string.Join(" · ", Count(limits.MonitoredDomains, "domains"), Count(limits.ScansPerMonth, "scans/month"),
            string.Create(CultureInfo.InvariantCulture, $"{limits.HistoryDays}-day history"), schedules, api, Count(limits.TeamMembers, "members"));
    }
}
