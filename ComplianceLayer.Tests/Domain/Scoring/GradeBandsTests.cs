using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Tests.Domain.Scoring;

public sealed class GradeBandsTests
{
    [Theory]
    [InlineData(0, Grade.F)]
    [InlineData(34, Grade.F)]
    [InlineData(35, Grade.D)]
    [InlineData(54, Grade.D)]
    [InlineData(55, Grade.C)]
    [InlineData(74, Grade.C)]
    [InlineData(75, Grade.B)]
    [InlineData(89, Grade.B)]
    [InlineData(90, Grade.A)]
    [InlineData(100, Grade.A)]
    public void GradeFor_BandBoundary_MatchesSeed(int score, Grade expected) =>
        Assert.Equal(expected, GradeBands.GradeFor(score));

    [Theory]
    [InlineData(0, RiskLevel.Critical)]
    [InlineData(34, RiskLevel.Critical)]
    [InlineData(35, RiskLevel.High)]
    [InlineData(54, RiskLevel.High)]
    [InlineData(55, RiskLevel.Medium)]
    [InlineData(74, RiskLevel.Medium)]
    [InlineData(75, RiskLevel.LowMedium)]
    [InlineData(89, RiskLevel.LowMedium)]
    [InlineData(90, RiskLevel.Low)]
    [InlineData(100, RiskLevel.Low)]
    public void RiskLevelFor_BandBoundary_MatchesSeed(int score, RiskLevel expected) =>
        Assert.Equal(expected, GradeBands.RiskLevelFor(score));

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void For_ScoreOutsideZeroToHundred_Throws(int score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GradeBands.For(score));

    [Fact]
    public void All_EveryScoreZeroToHundred_FallsInExactlyOneBand()
    {
        for (var score = 0; score <= 100; score++)
        {
            var matching = GradeBands.All.Count(b => score >= b.MinScore && score <= b.MaxScore);
            Assert.True(matching == 1, $"score {score} falls in {matching} bands");
        }
    }

    [Theory]
    [InlineData(Grade.A, 90, 100)]
    [InlineData(Grade.B, 75, 89)]
    [InlineData(Grade.F, 0, 34)]
    public void Of_Grade_ReturnsItsRange(Grade grade, int min, int max)
    {
        var band = GradeBands.Of(grade);
        Assert.Equal((min, max), (band.MinScore, band.MaxScore));
    }
}
