namespace ComplianceLayer.Domain.Scoring;

/// <summary>One module as the seed API doc lists it: key, display name, weight in percent of the overall score, tier.</summary>
public sealed record ModuleDefinition(string Key, string Name, int WeightPercent, ModuleTier Tier)
{
    /// <summary>The weight as the report shows it: a decimal fraction (25 % → 0.25).</summary>
    public decimal Weight => WeightPercent / 100m;

    /// <summary>Tier-3 modules have weight 0 and never change the overall score.</summary>
    public bool IsWeighted => WeightPercent > 0;
}
