using ComplianceLayer.Scanning.Modules.Headers;

namespace ComplianceLayer.Tests.Scanning.Modules.Headers;

public sealed class HstsHeaderTests
{
    [Theory]
    [InlineData("max-age=31536000; includeSubDomains; preload", 31536000L, true, true)]
    [InlineData("MAX-AGE=\"600\"", 600L, false, false)]
    [InlineData("includesubdomains ; max-age = 0 ;", 0L, true, false)]
    [InlineData("max-age=100; foo=bar; ext", 100L, false, false)]
    [InlineData("max-age=99999999999999999999999", long.MaxValue, false, false)]
    public void Parse_ValidHeader_DirectivesRead(string raw, long maxAge, bool includeSubDomains, bool preload)
    {
        var hsts = HstsHeader.Parse(raw);

        Assert.True(hsts.IsValid, hsts.Error);
        Assert.Equal(maxAge, hsts.MaxAge);
        Assert.Equal(includeSubDomains, hsts.IncludeSubDomains);
        Assert.Equal(preload, hsts.Preload);
    }

    [Theory]
    [InlineData("", "max-age is missing")]
    [InlineData("includeSubDomains", "max-age is missing")]
    [InlineData("max-age=abc", "not a number")]
    [InlineData("max-age=-1", "not a number")]
    [InlineData("max-age=", "not a number")]
    [InlineData("max-age=1, max-age=2", "not a number")]
    [InlineData("max-age=100; max-age=200", "more than once")]
    [InlineData("max-age=100; includeSubDomains; INCLUDESUBDOMAINS", "more than once")]
    [InlineData("max-age=100; includeSubDomains=yes", "takes no value")]
    [InlineData("max age=100", "not a valid directive name")]
    public void Parse_InvalidHeader_ErrorGiven(string raw, string error)
    {
        var hsts = HstsHeader.Parse(raw);

        Assert.False(hsts.IsValid);
        Assert.Contains(error, hsts.Error, StringComparison.Ordinal);
    }
}
