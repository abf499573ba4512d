namespace ComplianceLayer.Domain.Scoring;

/// <summary>One module's score: 100 minus <see cref="Penalty"/> (floored at 0), lowered by the caps in <see cref="CappedBy"/>.</summary>
public sealed record ModuleScore(int Score, Grade Grade, int Penalty, IReadOnlyList<string> CappedBy);
