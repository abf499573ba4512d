namespace ComplianceLayer.Domain.Scoring;

/// <summary>Letter grades of the seed's bands (there is no E). Serialised as the upper-case letter.</summary>
public enum Grade
{
    A,
    B,
    C,
    D,
    F,
}
