namespace ComplianceLayer.Domain.Scoring;

/// <summary>One band: inclusive score range with its grade and risk level.</summary>
public sealed record GradeBand(Grade Grade, RiskLevel RiskLevel, int MinScore, int MaxScore);

/// <summary>
/// The seed's bands, used for module grades and for the overall grade and risk level:
/// 90–100 A low · 75–89 B low_medium · 55–74 C medium · 35–54 D high · 0–34 F critical.
/// </summary>
public static class GradeBands
{
    public static IReadOnlyList<GradeBand> All { get; } =
    [
        new(Grade.A, RiskLevel.Low, 90, 100),
        new(Grade.B, RiskLevel.LowMedium, 75, 89),
        new(Grade.C, RiskLevel.Medium, 55, 74),
        new(Grade.D, RiskLevel.High, 35, 54),
        new(Grade.F, RiskLevel.Critical, 0, 34),
    ];

    public static GradeBand For(int score)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(score);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, ScoringPolicy.MaxScore);
        return All.First(b => score >= b.MinScore && score <= b.MaxScore);
    }

    public static Grade GradeFor(int score) => For(score).Grade;

    public static RiskLevel RiskLevelFor(int score) => For(score).RiskLevel;

    public static GradeBand Of(Grade grade) =>
        All.FirstOrDefault(b => b.Grade == grade) ?? throw new ArgumentOutOfRangeException(nameof(grade), grade, "Unknown grade.");
}
