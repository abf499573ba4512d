namespace ComplianceLayer.Domain.Findings;

/// <summary>Finding severities as the API documentation defines them, most severe first.</summary>
public enum Severity
{
    Critical = 0,
    High = 1,
    Medium = 2,
    Low = 3,
    Info = 4,
}
