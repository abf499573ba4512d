using ComplianceLayer.Domain.Compliance;

namespace ComplianceLayer.Tests.Domain.Compliance;

public sealed class ControlIdComparerTests
{
    [Theory]
    [InlineData("CC6.1", "CC6.6", "CC7.1", "CC8.1")]
    [InlineData("A.5.14", "A.8.8", "A.8.24", "A.8.28")]
    [InlineData("1.2.5", "1.4.4", "4.2.1", "4.2.1.1", "11.3.2")]
    [InlineData("SC-7", "SC-7(5)", "SC-8", "SC-8(1)", "SC-13", "SC-20")]
    [InlineData("AC-17", "AC-17(2)", "CM-7", "ID.RA-01", "PR.DS-02", "SC-8")]
    [InlineData("164.308(a)(1)(ii)(A)", "164.308(a)(1)(ii)(B)", "164.312(a)(1)", "164.312(c)(1)", "164.312(d)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)")]
    public void Compare_SortsNaturally(params string[] expected)
    {
        var shuffled = expected.Reverse().ToArray();
        Assert.Equal(expected, shuffled.Order(ControlIdComparer.Instance));
    }

    [Fact]
    public void Compare_NumericallyEqualButDifferentText_IsStillTotal()
    {
        Assert.NotEqual(0, ControlIdComparer.Instance.Compare("A.8.01", "A.8.1"));
        Assert.Equal(0, ControlIdComparer.Instance.Compare("A.8.1", "A.8.1"));
        Assert.True(ControlIdComparer.Instance.Compare(null, "A.8.1") < 0);
    }
}
