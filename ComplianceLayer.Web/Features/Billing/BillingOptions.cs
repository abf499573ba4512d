using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Domain.Schedules;

namespace ComplianceLayer.Web.Features.Billing;

/// <summary>The plans (Billing:Plans) and the rules around them. Validated at start-up: see <see cref="Problems"/>.</summary>
public sealed partial class BillingOptions
{
    public const string SectionName = "Billing";

    /// <summary>The plans, cheapest first, as the billing page offers them.</summary>
    public List<PlanOptions> Plans { get; set; } = [];

    /// <summary>The plan code a new organization starts on (usually the trial).</summary>
    public string NewOrganizationPlan { get; set; } = "trial";

    /// <summary>Days a past_due organization keeps full use before it becomes read-only.</summary>
    [Range(0, 90)]
    public int GracePeriodDays { get; set; } = 7;

    public TimeSpan GracePeriod => TimeSpan.FromDays(GracePeriodDays);

    /// <summary>Everything wrong with the settings, one message each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Plans.Count == 0)
        {
            problems.Add("Billing:Plans is empty: configure at least the plan new organizations start on.");
            return problems;
        }
        foreach (var duplicate in Plans.GroupBy(p => p.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Billing:Plans has the code \"{duplicate.Key}\" more than once.");
        }
        if (!Plans.Any(p => string.Equals(p.Code, NewOrganizationPlan, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"Billing:NewOrganizationPlan \"{NewOrganizationPlan}\" is not one of the codes in Billing:Plans.");
        }
        if (!Plans.Any(p => p.TrialDays > 0) && Plans.All(p => p.HasPrice))
        {
            problems.Add("Billing:Plans needs a trial or free plan (TrialDays > 0, or no Stripe price) for new organizations.");
        }
        var prices = Plans.SelectMany(p => new[] { p.StripeMonthlyPriceId, p.StripeYearlyPriceId }).Where(id => !string.IsNullOrEmpty(id));
        foreach (var duplicate in prices.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Billing:Plans uses the Stripe price \"{duplicate.Key}\" for more than one plan.");
        }
        for (var i = 0; i < Plans.Count; i++)
        {
            problems.AddRange(Plans[i].Problems().Select(p => $"Billing:Plans:{i} ({Plans[i].Code}): {p}"));
        }
        return problems;
    }

    public PlanCatalog ToCatalog() => new(Plans.Select(p => p.ToDefinition()), NewOrganizationPlan);
}

/// <summary>One plan in configuration; see appsettings.Example.json for every key.</summary>
public sealed partial class PlanOptions
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Shown next to the plan ("$49 / month"); Stripe holds the real price.</summary>
    public string? PriceLabel { get; set; }

    public string? StripeMonthlyPriceId { get; set; }

    public string? StripeYearlyPriceId { get; set; }

    public int TrialDays { get; set; }

    /// <summary>Null = no limit.</summary>
    public int? MonitoredDomains { get; set; }

    /// <summary>Null = no limit.</summary>
    public int? ScansPerMonth { get; set; }

    public int HistoryDays { get; set; } = 30;

    public bool SchedulesAllowed { get; set; }

    public ScheduleCadence FinestCadence { get; set; } = ScheduleCadence.Weekly;

    public bool ApiAccess { get; set; }

    /// <summary>Null = only the API's own limits (Api:RateLimit) apply.</summary>
    public int? ApiRequestsPerMinute { get; set; }

    /// <summary>Null = no limit.</summary>
    public int? TeamMembers { get; set; }

    public bool WhiteLabelReports { get; set; }

    internal bool HasPrice => !string.IsNullOrEmpty(StripeMonthlyPriceId) || !string.IsNullOrEmpty(StripeYearlyPriceId);

    public IEnumerable<string> Problems()
    {
        if (!CodePattern().IsMatch(Code ?? ""))
        {
            yield return "Code must be 1-32 lower-case letters, digits, '-' or '_'.";
        }
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "Name is required.";
        }
        if (TrialDays is < 0 or > 365)
        {
            yield return "TrialDays must be 0-365.";
        }
        if (HistoryDays is < 1 or > 3650)
        {
            yield return "HistoryDays must be 1-3650.";
        }
        if (MonitoredDomains is < 0 || ScansPerMonth is < 0 || TeamMembers is < 1 || ApiRequestsPerMinute is < 1)
        {
            yield return "MonitoredDomains and ScansPerMonth must be 0 or more, TeamMembers and ApiRequestsPerMinute 1 or more (or empty for no limit).";
        }
        if (!Enum.IsDefined(FinestCadence))
        {
            yield return "FinestCadence must be Daily, Weekly or Monthly.";
        }
        foreach (var price in new[] { StripeMonthlyPriceId, StripeYearlyPriceId }.Where(p => !string.IsNullOrEmpty(p) && !p.StartsWith("price_", StringComparison.Ordinal)))
        {
            yield return $"\"{price}\" is not a Stripe price id (price_…).";
        }
    }

    public PlanDefinition ToDefinition() => new(
        Code.ToLowerInvariant(), Name, string.IsNullOrWhiteSpace(PriceLabel) ? null : PriceLabel,
        string.IsNullOrEmpty(StripeMonthlyPriceId) ? null : StripeMonthlyPriceId,
        string.IsNullOrEmpty(StripeYearlyPriceId) ? null : StripeYearlyPriceId,
        TrialDays,
        new PlanLimits(MonitoredDomains, ScansPerMonth, HistoryDays, SchedulesAllowed, FinestCadence, ApiAccess,
            ApiRequestsPerMinute, TeamMembers, WhiteLabelReports));

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();
}
