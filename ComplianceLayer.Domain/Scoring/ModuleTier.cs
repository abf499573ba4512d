namespace ComplianceLayer.Domain.Scoring;

/// <summary>The seed's tiers: 1 material controls (85 %), 2 secondary controls (headed 15 %, its rows add to 20 %), 3 informational (0 %, never scored).</summary>
public enum ModuleTier
{
    Material = 1,
    Secondary = 2,
    Informational = 3,
}
