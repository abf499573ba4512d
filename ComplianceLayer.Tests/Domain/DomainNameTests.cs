using ComplianceLayer.Domain.Domains;

namespace ComplianceLayer.Tests.Domain;

public sealed class DomainNameTests
{
    private const string IpAddressError = "Enter a domain name, not an IP address.";
    private const string UrlError = "Enter the host name only, not a URL.";
    private const string WildcardError = "Wildcards are not supported: enter the domain name itself.";

    [Theory]
    [InlineData("example.com", "example.com", "example.com")]
    [InlineData("www.example.com", "www.example.com", "www.example.com")]
    [InlineData("mail.example.co.uk", "mail.example.co.uk", "mail.example.co.uk")]
    [InlineData("a-b.example.com", "a-b.example.com", "a-b.example.com")]
    [InlineData("123.example.com", "123.example.com", "123.example.com")]
    [InlineData("EXAMPLE.COM", "example.com", "example.com")]
    [InlineData("Www.Example.Co.Uk", "www.example.co.uk", "www.example.co.uk")]
    [InlineData("example.com.", "example.com", "example.com")]
    [InlineData("  example.com \t", "example.com", "example.com")]
    [InlineData("\u00A0Example.COM.\r\n", "example.com", "example.com")]
    [InlineData("bücher.de", "xn--bcher-kva.de", "bücher.de")]
    [InlineData("BÜCHER.DE", "xn--bcher-kva.de", "bücher.de")]
    [InlineData("xn--bcher-kva.de", "xn--bcher-kva.de", "bücher.de")]
    [InlineData("münchen.de", "xn--mnchen-3ya.de", "münchen.de")]
    [InlineData("www.münchen.de.", "www.xn--mnchen-3ya.de", "www.münchen.de")]
    [InlineData("例子.中国", "xn--fsqu00a.xn--fiqs8s", "例子.中国")]
    [InlineData("пример.рф", "xn--e1afmkfd.xn--p1ai", "пример.рф")]
    [InlineData("例子。中国", "xn--fsqu00a.xn--fiqs8s", "例子.中国")]
    [InlineData("foo.github.io", "foo.github.io", "foo.github.io")]
    [InlineData("www.ck", "www.ck", "www.ck")]
    [InlineData("shop.example.ck", "shop.example.ck", "shop.example.ck")]
    [InlineData("city.kawasaki.jp", "city.kawasaki.jp", "city.kawasaki.jp")]
    public void Parse_ValidName_ReturnsAsciiAndUnicodeForms(string input, string ascii, string unicode)
    {
        var result = DomainName.Parse(input);

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Error);
        Assert.Equal(ascii, result.Name!.Ascii);
        Assert.Equal(unicode, result.Name.Unicode);
        Assert.Equal(ascii, result.Name.ToString());
    }

    [Theory]
    [InlineData("example.com", "com", "example.com")]
    [InlineData("www.example.com", "com", "example.com")]
    [InlineData("mail.example.co.uk", "co.uk", "example.co.uk")]
    [InlineData("a.b.c.example.com.au", "com.au", "example.com.au")]
    [InlineData("foo.github.io", "github.io", "foo.github.io")]
    [InlineData("docs.foo.github.io", "github.io", "foo.github.io")]
    [InlineData("www.ck", "ck", "www.ck")]
    [InlineData("www.www.ck", "ck", "www.ck")]
    [InlineData("shop.example.ck", "example.ck", "shop.example.ck")]
    [InlineData("a.shop.example.ck", "example.ck", "shop.example.ck")]
    [InlineData("www.city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("foo.bar.kawasaki.jp", "bar.kawasaki.jp", "foo.bar.kawasaki.jp")]
    [InlineData("bücher.de", "de", "xn--bcher-kva.de")]
    [InlineData("www.例子.中国", "xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s")]
    [InlineData("shop.例子.公司.cn", "xn--55qx5d.cn", "xn--fsqu00a.xn--55qx5d.cn")]
    public void Parse_ValidName_ComputesPublicSuffixAndRegistrableDomain(string input, string publicSuffix, string registrableDomain)
    {
        var name = DomainName.Parse(input).Name;

        Assert.NotNull(name);
        Assert.Equal(publicSuffix, name.PublicSuffix);
        Assert.Equal(registrableDomain, name.RegistrableDomain);
        Assert.Equal(name.Ascii == registrableDomain, name.IsRegistrableDomain);
    }

    [Theory]
    [InlineData("192.168.1.1")]
    [InlineData("10.0.0.1.")]
    [InlineData("192.168.1.1:443")]
    [InlineData("http://10.0.0.1/admin")]
    [InlineData("2001:db8::1")]
    [InlineData("::1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[2001:db8::1]")]
    [InlineData("[::1]:8443")]
    [InlineData("https://[2001:db8::1]/")]
    public void Parse_IpAddress_ReturnsIpAddressError(string input)
    {
        var result = DomainName.Parse(input);

        Assert.False(result.IsValid);
        Assert.Equal(IpAddressError, result.Error);
        Assert.Null(result.Suggestion);
    }

    [Theory]
    [InlineData("https://www.example.com/path", "www.example.com")]
    [InlineData("http://example.com", "example.com")]
    [InlineData("HTTPS://Example.COM/", "example.com")]
    [InlineData("example.com/path", "example.com")]
    [InlineData("example.com:8080", "example.com")]
    [InlineData("example.com?q=1", "example.com")]
    [InlineData("https://user:secret@example.com:8443/a?b=c#d", "example.com")]
    [InlineData("ftp://files.example.co.uk", "files.example.co.uk")]
    [InlineData("https://bücher.de/katalog", "bücher.de")]
    public void Parse_Url_ReturnsUrlErrorWithHostSuggestion(string input, string suggestion)
    {
        var result = DomainName.Parse(input);

        Assert.False(result.IsValid);
        Assert.Equal(UrlError, result.Error);
        Assert.Equal(suggestion, result.Suggestion);
        Assert.True(DomainName.Parse(result.Suggestion).IsValid);
    }

    [Theory]
    [InlineData("https://localhost/")]
    [InlineData("http://co.uk/")]
    [InlineData("https://my_host.example.com/")]
    public void Parse_UrlWithInvalidHost_ReturnsUrlErrorWithoutSuggestion(string input)
    {
        var result = DomainName.Parse(input);

        Assert.Equal(UrlError, result.Error);
        Assert.Null(result.Suggestion);
    }

    [Theory]
    [InlineData("*.example.com", "example.com")]
    [InlineData("*.mail.example.co.uk", "mail.example.co.uk")]
    [InlineData("*.Bücher.de", "bücher.de")]
    [InlineData("*.co.uk", null)]
    public void Parse_Wildcard_ReturnsWildcardErrorWithSuggestion(string input, string? suggestion)
    {
        var result = DomainName.Parse(input);

        Assert.False(result.IsValid);
        Assert.Equal(WildcardError, result.Error);
        Assert.Equal(suggestion, result.Suggestion);
    }

    [Theory]
    [InlineData(null, "Enter a domain name")]
    [InlineData("", "Enter a domain name")]
    [InlineData("   ", "Enter a domain name")]
    [InlineData(".", "Enter a domain name")]
    [InlineData("example..com", "empty part")]
    [InlineData(".example.com", "empty part")]
    [InlineData("example.com..", "empty part")]
    [InlineData("-example.com", "starts or ends with a hyphen")]
    [InlineData("example-.com", "starts or ends with a hyphen")]
    [InlineData("www.-bücher.de", "starts or ends with a hyphen")]
    [InlineData("my_host.example.com", "Underscores ('_') are not allowed")]
    [InlineData("_dmarc.example.com", "Underscores ('_') are not allowed")]
    [InlineData("exa mple.com", "Spaces are not allowed")]
    [InlineData("example!.com", "The character '!' is not allowed")]
    [InlineData("ex*ample.com", "The character '*' is not allowed")]
    [InlineData("*", "The character '*' is not allowed")]
    [InlineData("a:b:c", "The character ':' is not allowed")]
    [InlineData("com", "'com' is a public suffix")]
    [InlineData("co.uk", "'co.uk' is a public suffix")]
    [InlineData("CO.UK.", "'co.uk' is a public suffix")]
    [InlineData("github.io", "'github.io' is a public suffix")]
    [InlineData("中国", "'中国' is a public suffix")]
    [InlineData("example.ck", "'example.ck' is a public suffix")]
    [InlineData("ck", "'ck' is a public suffix")]
    [InlineData("test.kawasaki.jp", "'test.kawasaki.jp' is a public suffix")]
    [InlineData("example.invalidtld", "does not end in a public suffix")]
    [InlineData("localhost", "does not end in a public suffix")]
    [InlineData("intranet", "does not end in a public suffix")]
    [InlineData("server.local", "does not end in a public suffix")]
    [InlineData("example.123", "cannot be all digits")]
    [InlineData("1.2.3", "cannot be all digits")]
    [InlineData("xn--a.com", "not a valid internationalised domain name")]
    public void Parse_InvalidName_ReturnsSpecificError(string? input, string expectedFragment)
    {
        var result = DomainName.Parse(input);

        Assert.False(result.IsValid);
        Assert.Null(result.Name);
        Assert.Contains(expectedFragment, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(63, true)]
    [InlineData(64, false)]
    public void Parse_LabelLength_IsLimitedTo63(int length, bool valid)
    {
        var result = DomainName.Parse(new string('a', length) + ".example.com");

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Contains("longer than the 63 characters", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_InternationalLabelOver63InAsciiForm_ReturnsLabelError()
    {
        // 60 Unicode letters are 66 characters as punycode.
        var result = DomainName.Parse(new string('ü', 60) + ".de");

        Assert.False(result.IsValid);
        Assert.Contains("longer than the 63 characters", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(253, true)]
    [InlineData(254, false)]
    [InlineData(300, false)]
    public void Parse_NameLength_IsLimitedTo253(int length, bool valid)
    {
        var result = DomainName.Parse(NameOfLength(length));

        Assert.Equal(valid, result.IsValid);
        if (valid)
        {
            Assert.Equal(length, result.Name!.Ascii.Length);
        }
        else
        {
            Assert.Contains("at most 253", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Example.COM.", "example.com")]
    [InlineData("BÜCHER.de", "xn--bcher-kva.de")]
    public void Parse_DifferentSpellingsOfOneName_AreEqual(string input, string canonical)
    {
        Assert.Equal(DomainName.Parse(canonical).Name, DomainName.Parse(input).Name);
    }

    [Fact]
    public async Task Parse_ConcurrentFirstUse_GivesSameAnswers()
    {
        var tasks = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(() => DomainName.Parse("mail.example.co.uk").Name?.RegistrableDomain))
            .ToArray();

        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal("example.co.uk", r));
    }

    /// <summary>A name of exactly <paramref name="length"/> characters: labels of at most 63 "a"s, then ".com".</summary>
    private static string NameOfLength(int length)
    {
        var name = "com";
        while (name.Length < length)
        {
            var room = length - name.Length - 1;
            var label = Math.Min(63, room);
            if (room - label == 1)
            {
                // A single character left over could hold only a dot, not another label.
                label--;
            }
            name = new string('a', label) + "." + name;
        }
        return name;
    }
}
