namespace ComplianceLayer.Domain.Plans;

/// <summary>
/// The configured plans, in the order they are offered (cheapest first), and the one a new organization starts on.
/// An organization whose plan code is not in the catalogue gets the most restrictive plan's rules (fail safe).
/// </summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, PlanDefinition> _byCode;

    public PlanCatalog(IEnumerable<PlanDefinition> plans, string newOrganizationPlanCode)
    {
        ArgumentNullException.ThrowIfNull(plans);
        Plans = plans.ToList();
        if (Plans.Count == 0)
        {
            throw new ArgumentException("The plan catalogue is empty.", nameof(plans));
        }
        _byCode = Plans.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        NewOrganizationPlan = Find(newOrganizationPlanCode)
            ?? throw new ArgumentException($"The plan \"{newOrganizationPlanCode}\" for new organizations is not in the catalogue.", nameof(newOrganizationPlanCode));
        Fallback = Plans.OrderBy(p => p.Limits.HistoryDays).ThenBy(p => p.Limits.MonitoredDomains ?? int.MaxValue).First();
    }

    public IReadOnlyList<PlanDefinition> Plans { get; }

    /// <summary>The plan (usually the trial) a new organization starts on.</summary>
    public PlanDefinition NewOrganizationPlan { get; }

    /// <summary>The plan whose rules apply to an unknown plan code: the shortest history window.</summary>
    public PlanDefinition Fallback { get; }

    public PlanDefinition? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var plan) ? plan : null;

    /// <summary>The plan of <paramref name="code"/>, or <see cref="Fallback"/> when the code is unknown.</summary>
    public PlanDefinition Resolve(string? code) => Find(code) ?? Fallback;

    /// <summary>The plan sold at a Stripe price (monthly or yearly), if any.</summary>
    public PlanDefinition? FindByPriceId(string? priceId) =>
        string.IsNullOrEmpty(priceId) ? null : Plans.FirstOrDefault(p => p.HasPrice(priceId));

    /// <summary>How long an organization on <paramref name="code"/> keeps its scan history; unknown plans get the shortest window.</summary>
    public TimeSpan ScanHistoryWindow(string? code) => Resolve(code).Limits.HistoryWindow;

    /// <summary>The oldest moment still kept for a plan at <paramref name="now"/>.</summary>
    public DateTimeOffset ScanHistoryCutoff(string? code, DateTimeOffset now) => now - ScanHistoryWindow(code);
}
