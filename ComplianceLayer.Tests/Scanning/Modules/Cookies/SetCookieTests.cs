using ComplianceLayer.Scanning.Modules.Cookies;

namespace ComplianceLayer.Tests.Scanning.Modules.Cookies;

public sealed class SetCookieTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_AllAttributes_ReadCaseInsensitively()
    {
        var cookie = SetCookie.Parse("sessionid=s3cr3t; path=/app; DOMAIN=.Shop.Example.com; secure; HTTPONLY; SameSite=Lax; Max-Age=3600; Partitioned")!;

        Assert.Equal("sessionid", cookie.Name);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Partitioned);
        Assert.Equal("Lax", cookie.SameSite);
        Assert.True(cookie.HasValidSameSite);
        Assert.Equal("shop.example.com", cookie.Domain);
        Assert.Equal("/app", cookie.Path);
        Assert.Equal(3600, cookie.MaxAge);
        Assert.False(cookie.IsDeletion(Now));
    }

    [Fact]
    public void Parse_Value_NeverKept()
    {
        var cookie = SetCookie.Parse("token=eyJhbGciOiJIUzI1NiJ9.secret; Secure")!;

        Assert.Equal("token=…; Secure", cookie.Redacted);
        Assert.DoesNotContain("eyJ", cookie.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=1; SameSite=Strict; SameSite=None", "None")]
    [InlineData("a=1; SameSite=bogus", "bogus")]
    public void Parse_SameSite_LastWins(string header, string expected)
    {
        var cookie = SetCookie.Parse(header)!;

        Assert.Equal(expected, cookie.SameSite);
        Assert.Equal(expected != "bogus", cookie.HasValidSameSite);
    }

    [Theory]
    [InlineData("a=; Max-Age=0", true)]
    [InlineData("a=; Max-Age=-5", true)]
    [InlineData("a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT", true)]
    [InlineData("a=; expires=Thu, 01-Jan-1970 00:00:01 GMT", true)]
    [InlineData("a=1; Expires=Thu, 01 Jan 2099 00:00:00 GMT", false)]
    [InlineData("a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60", false)]
    [InlineData("a=1; Max-Age=abc", false)]
    [InlineData("a=1", false)]
    public void IsDeletion_ExpiryAttributes_MaxAgeFirst(string header, bool deletion)
    {
        Assert.Equal(deletion, SetCookie.Parse(header)!.IsDeletion(Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ;  Secure")]
    [InlineData("=")]
    public void Parse_NoNameNoValue_Ignored(string header)
    {
        Assert.Null(SetCookie.Parse(header));
    }

    [Fact]
    public void Parse_NoEquals_NamelessCookie()
    {
        var cookie = SetCookie.Parse("justavalue; Secure")!;

        Assert.Equal("", cookie.Name);
        Assert.Equal("…; Secure", cookie.Redacted);
    }

    [Theory]
    [InlineData("sessionid", true)]
    [InlineData("PHPSESSID", true)]
    [InlineData("JSESSIONID", true)]
    [InlineData("ASP.NET_SessionId", true)]
    [InlineData("connect.sid", true)]
    [InlineData("laravel_session", true)]
    [InlineData("__Host-sid", true)]
    [InlineData(".ASPXAUTH", true)]
    [InlineData("access_token", true)]
    [InlineData("jwt", true)]
    [InlineData("wp_login_state", true)]
    [InlineData("csrftoken", false)]
    [InlineData("XSRF-TOKEN", false)]
    [InlineData("sidebar_open", false)]
    [InlineData("_ga", false)]
    [InlineData("theme", false)]
    public void IsSessionLike_CommonNames_Classified(string name, bool expected)
    {
        Assert.Equal(expected, CookieNames.IsSessionLike(name));
    }
}
