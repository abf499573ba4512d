using ComplianceLayer.Web.Features.Privacy.Export;

namespace ComplianceLayer.Tests.Web.Features.Privacy.Export;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("example.com", "example.com")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData("a=b", "a=b")]
    public void Escape_Value_IsQuotedAndNeutralised(string? value, string expected) => Assert.Equal(expected, CsvCell.Escape(value));

    [Fact]
    public void Line_JoinsCellsWithCommasAndEndsWithCrLf() =>
        Assert.Equal("a,\"b,c\",,'-x\r\n", CsvCell.Line(["a", "b,c", null, "-x"]));
}
