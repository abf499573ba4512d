namespace ComplianceLayer.Domain.Scoring;

/// <summary>
/// A ceiling on one module's score while an issue with <see cref="Code"/> is present, whatever the penalties add up to
/// (SSL Labs' rating-guide caps: an expired certificate is an F even on an otherwise perfect server).
/// </summary>
public sealed record GradeCap(string Code, string Module, int MaxScore, string Reason)
{
    /// <summary>Caps at the top of <paramref name="grade"/>'s band (F → 34, B → 89).</summary>
    public static GradeCap AtGrade(string code, string module, Grade grade, string reason) =>
        new(code, module, GradeBands.Of(grade).MaxScore, reason);

    public Grade MaxGrade => GradeBands.GradeFor(MaxScore);
}
