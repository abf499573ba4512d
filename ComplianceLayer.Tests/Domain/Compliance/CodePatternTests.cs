using ComplianceLayer.Domain.Compliance;

namespace ComplianceLayer.Tests.Domain.Compliance;

public sealed class CodePatternTests
{
    [Theory]
    [InlineData("ports.exposed.*", "ports.exposed.rdp", true)]
    [InlineData("ports.exposed.*", "ports.exposed.docker_tls", true)]
    [InlineData("ports.exposed.*", "ports.exposedx", false)]
    [InlineData("ports.exposed.*", "ports.exposed", false)]
    [InlineData("ports.exposed.*", "ports.exposed.", false)]
    [InlineData("ports.exposed.*", "ports.accepts_any_port", false)]
    [InlineData("ports.exposed.*", "xports.exposed.rdp", false)]
    [InlineData("ssl.protocol.tls10_enabled", "ssl.protocol.tls10_enabled", true)]
    [InlineData("ssl.protocol.tls10_enabled", "ssl.protocol.tls10_enabled_x", false)]
    [InlineData("ssl.protocol.tls10_enabled", "ssl.protocol.tls10", false)]
    [InlineData("ssl.protocol.tls10_enabled", "SSL.PROTOCOL.TLS10_ENABLED", false)]
    [InlineData("cookies.*", "cookies.missing_secure", true)]
    [InlineData("cookies.*", "cookiesx.missing_secure", false)]
    public void Matches_PrefixOrExact_MatchesOnlyWhatItNames(string pattern, string code, bool expected) =>
        Assert.Equal(expected, CodePattern.Parse(pattern).Matches(code));

    [Theory]
    [InlineData("ports.exposed.*", true)]
    [InlineData("ssl.cert.expired", false)]
    public void Parse_ValidPattern_KnowsWhetherItIsAPrefix(string text, bool isPrefix)
    {
        var pattern = CodePattern.Parse(text);
        Assert.Equal(isPrefix, pattern.IsPrefix);
        Assert.Equal(text, pattern.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData(".*")]
    [InlineData("ssl")]
    [InlineData("ssl.protocol*")]
    [InlineData("ssl.*.tls10_enabled")]
    [InlineData("ports.exposed.**")]
    [InlineData("ports.exposed.")]
    [InlineData("SSL.Protocol.*")]
    [InlineData("ssl.protocol.tls1?")]
    [InlineData("ssl..protocol.*")]
    public void Parse_Malformed_ThrowsNamingThePattern(string text)
    {
        var ex = Assert.Throws<FormatException>(() => CodePattern.Parse(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssl.protocol.*", "ssl", true)]
    [InlineData("ssl.no_https", "ssl", true)]
    [InlineData("dns_email.spf.*", "dns_email", true)]
    [InlineData("dns_email.spf.*", "dns", false)]
    [InlineData("headers.hsts.missing", "ssl", false)]
    public void BelongsTo_ModulePrefix(string text, string module, bool expected) =>
        Assert.Equal(expected, CodePattern.Parse(text).BelongsTo(module));
}
