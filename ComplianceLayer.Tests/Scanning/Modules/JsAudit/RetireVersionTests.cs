using ComplianceLayer.Scanning.Modules.JsAudit;

namespace ComplianceLayer.Tests.Scanning.Modules.JsAudit;

public sealed class RetireVersionTests
{
    [Theory]
    [InlineData("1.8.3", "1.9.0", false)]
    [InlineData("3.5.0", "3.5.0", true)]
    [InlineData("3.5", "3.5.0", true)]
    [InlineData("1.10.0", "1.9.0", true)]
    [InlineData("3.0.0-rc1", "3.0.0", false)]
    [InlineData("3.0.0", "3.0.0-rc1", true)]
    [InlineData("1.9.0b1", "1.9.0", false)]
    [InlineData("1.8.3", "1.9.0b1", false)]
    [InlineData("3.0.0-beta1", "3.0.0-alpha1", true)]
    [InlineData("2.0.0", "10.0.0", false)]
    public void IsAtOrAbove_Versions_ComparesAsRetireJs(string version, string bound, bool expected)
        => Assert.Equal(expected, RetireVersion.IsAtOrAbove(version, bound));

    [Theory]
    [InlineData("1.8.3", "1.2", "3.5.0", true)]
    [InlineData("3.5.0", "1.2", "3.5.0", false)]
    [InlineData("1.1.4", "1.2", "3.5.0", false)]
    [InlineData("1.1.4", null, "3.5.0", true)]
    public void IsInRange_Bounds_AtOrAboveInclusiveBelowExclusive(string version, string? atOrAbove, string below, bool expected)
        => Assert.Equal(expected, RetireVersion.IsInRange(version, atOrAbove, below));
}
