namespace ComplianceLayer.Domain.Scoring;

/// <summary>Underwriting risk levels on the same bands as the grades; serialised snake_case (<c>low_medium</c>).</summary>
public enum RiskLevel
{
    Low,
    LowMedium,
    Medium,
    High,
    Critical,
}
