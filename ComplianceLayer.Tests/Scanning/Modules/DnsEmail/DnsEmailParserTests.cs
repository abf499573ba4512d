using System.Security.Cryptography;
using ComplianceLayer.Scanning.Modules.DnsEmail;

namespace ComplianceLayer.Tests.Scanning.Modules.DnsEmail;

public sealed class DnsEmailParserTests
{
    [Theory]
    [InlineData("v=spf1 -all")]
    [InlineData("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.com/24//64 include:_spf.google.com ~all")]
    [InlineData("v=spf1 a/24 mx//64 exists:%{i}._spf.%{d} redirect=_spf.example.com")]
    [InlineData("v=spf1 include:%{l1r+-}.example.com exp=explain.example.com -all")]
    [InlineData("v=spf1 unknownmod=whatever -all")]
    [InlineData("V=SPF1 IP4:192.0.2.1 -ALL")]
    public void SpfParse_ValidRecord_HasNoErrors(string text) => Assert.Empty(SpfRecord.Parse(text).Errors);

    [Theory]
    [InlineData("v=spf1 foo:bar -all", "not a known mechanism")]
    [InlineData("v=spf1 ip4:192.0.2.0/33 -all", "bad CIDR")]
    [InlineData("v=spf1 ip4:2001:db8::1 -all", "not an IPv4")]
    [InlineData("v=spf1 ip6:192.0.2.1 -all", "not an IPv6")]
    [InlineData("v=spf1 a/40 -all", "bad CIDR")]
    [InlineData("v=spf1 mx//129 -all", "bad CIDR")]
    [InlineData("v=spf1 include:%{z}.example.com -all", "bad macro")]
    [InlineData("v=spf1 exists:%{i -all", "bad macro")]
    [InlineData("v=spf1 include -all", "needs a domain")]
    [InlineData("v=spf1 include:localhost -all", "not a valid domain")]
    [InlineData("v=spf1 all:foo", "takes no argument")]
    [InlineData("v=spf1 redirect=a.example.com redirect=b.example.com", "more than once")]
    [InlineData("v=spf10 -all", "does not start")]
    public void SpfParse_InvalidRecord_ReportsError(string text, string expected)
        => Assert.Contains(SpfRecord.Parse(text).Errors, e => e.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("v=spf1 -all", true)]
    [InlineData("v=spf1", true)]
    [InlineData(" v=spf1 -all", false)]
    [InlineData("v=spf10 -all", false)]
    [InlineData("google-site-verification=abc", false)]
    public void SpfIsSpf_Text_DetectsRecord(string text, bool expected) => Assert.Equal(expected, SpfRecord.IsSpf(text));

    [Fact]
    public void SpfParse_RedirectWithAll_RedirectIgnored()
    {
        var record = SpfRecord.Parse("v=spf1 -all redirect=_spf.example.com");
        Assert.Null(record.Redirect);
        Assert.Contains(record.Warnings, w => w.Contains("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void DmarcParse_FullRecord_ReadsTags()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=reject; sp=quarantine; np=reject; rua=mailto:d@example.com,mailto:e@example.net!10m; ruf=mailto:f@example.com; adkim=s; aspf=r; fo=1:d; t=n; psd=n");
        Assert.Empty(record.Errors);
        Assert.Equal(DmarcPolicy.Reject, record.Policy);
        Assert.Equal(DmarcPolicy.Quarantine, record.SubdomainPolicy);
        Assert.Equal(DmarcPolicy.Reject, record.NonExistentPolicy);
        Assert.Equal(2, record.Rua.Count);
    }

    [Theory]
    [InlineData("v=DMARC1; p=rejec", "must be none, quarantine or reject")]
    [InlineData("v=DMARC1; p=reject; pct=150", "0-100")]
    [InlineData("v=DMARC1; p=reject; rua=d@example.com", "not a mailto")]
    [InlineData("v=DMARC1; p=reject; adkim=x", "relaxed")]
    [InlineData("p=reject; v=DMARC1", "must start")]
    [InlineData("v=DMARC1; p=reject; p=none", "more than once")]
    [InlineData("v=DMARC1 p=reject", "must start")]
    public void DmarcParse_InvalidRecord_ReportsError(string text, string expected)
        => Assert.Contains(DmarcRecord.Parse(text).Errors, e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void DmarcParse_MissingPolicyAndUnknownTag_PolicyNoneAndTagListed()
    {
        var record = DmarcRecord.Parse("v=DMARC1; rua=mailto:d@example.com; foo=bar");
        Assert.Empty(record.Errors);
        Assert.Equal(DmarcPolicy.None, record.EffectivePolicy);
        Assert.Equal(["foo"], record.UnknownTags);
    }

    [Theory]
    [InlineData("v=DMARC1; p=none", true)]
    [InlineData("v = DMARC1; p=none", true)]
    [InlineData("v=spf1 -all", false)]
    public void DmarcIsDmarc_Text_Detects(string text, bool expected) => Assert.Equal(expected, DmarcRecord.IsDmarc(text));

    [Theory]
    [InlineData(1024)]
    [InlineData(2048)]
    [InlineData(512)]
    public void DkimParse_RsaKey_ReportsBits(int bits)
    {
        var key = DkimKeyRecord.Parse(DkimTestKeys.Record(bits));
        Assert.Empty(key.Errors);
        Assert.Equal(bits, key.KeyBits);
        Assert.False(key.IsRevoked);
    }

    [Fact]
    public void DkimParse_Pkcs1Key_Accepted()
    {
        using var rsa = RSA.Create(2048);
        var key = DkimKeyRecord.Parse("v=DKIM1; p=" + Convert.ToBase64String(rsa.ExportRSAPublicKey()));
        Assert.Equal(2048, key.KeyBits);
    }

    [Fact]
    public void DkimParse_EmptyP_Revoked() => Assert.True(DkimKeyRecord.Parse("v=DKIM1; k=rsa; p=").IsRevoked);

    [Theory]
    [InlineData("v=DKIM1; p=!!!notbase64", "base64")]
    [InlineData("v=DKIM1; k=rsa; p=AAAA", "valid rsa")]
    [InlineData("k=rsa; v=DKIM1; p=AAAA", "first tag")]
    [InlineData("v=DKIM1; k=dsa; p=AAAA", "unknown key type")]
    public void DkimParse_BadRecord_ReportsError(string text, string expected)
        => Assert.Contains(DkimKeyRecord.Parse(text).Errors, e => e.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("v=spf1 -all", false)]
    [InlineData("v=DKIM1; p=", true)]
    [InlineData("k=rsa; p=AAAA", true)]
    public void DkimIsKeyRecord_Text_Detects(string text, bool expected) => Assert.Equal(expected, DkimKeyRecord.IsKeyRecord(text));

    [Theory]
    [InlineData(0, "issue", "letsencrypt.org", null)]
    [InlineData(0, "issue", ";", null)]
    [InlineData(0, "issue", "digicert.com; cansignhttpexchanges=yes", null)]
    [InlineData(0, "issuewild", "sectigo.com", null)]
    [InlineData(0, "iodef", "mailto:security@example.com", null)]
    [InlineData(0, "contactemail", "x@example.com", null)]
    [InlineData(0, "future", "whatever", null)]
    [InlineData(0, "issue", "lets encrypt.org", "not a CA domain")]
    [InlineData(0, "iodef", "security@example.com", "not a mailto")]
    [InlineData(0, "issue", "letsencrypt.org; accounturi", "not key=value")]
    [InlineData(128, "future", "whatever", "critical")]
    public void CaaCreate_Record_ValidatesSyntax(byte flags, string tag, string value, string? expected)
    {
        var entry = CaaEntry.Create(flags, tag, value);
        if (expected is null)
        {
            Assert.Null(entry.Error);
        }
        else
        {
            Assert.Contains(expected, entry.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MtaStsPolicyParse_ValidPolicy_ReadsFields()
    {
        var policy = MtaStsPolicy.Parse("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\nextension: ignored\r\n");
        Assert.Empty(policy.Errors);
        Assert.Equal("enforce", policy.Mode);
        Assert.Equal(604800, policy.MaxAge);
        Assert.Equal(["mx1.example.com", "*.example.net"], policy.Mx);
    }

    [Theory]
    [InlineData("mode: enforce\nmx: a.example.com\nmax_age: 1", "version")]
    [InlineData("version: STSv1\nmode: strict\nmx: a.example.com\nmax_age: 1", "mode")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 1", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example.com\nmax_age: 99999999", "max_age")]
    [InlineData("version: STSv1\nmode: enforce\nmode: testing\nmx: a.example.com\nmax_age: 1", "more than once")]
    public void MtaStsPolicyParse_BadPolicy_ReportsError(string body, string expected)
        => Assert.Contains(MtaStsPolicy.Parse(body).Errors, e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void MtaStsPolicyParse_ModeNoneWithoutMx_Valid()
        => Assert.Empty(MtaStsPolicy.Parse("version: STSv1\nmode: none\nmax_age: 86400").Errors);

    [Theory]
    [InlineData("mx1.example.com", "mx1.example.com", true)]
    [InlineData("*.example.com", "mx1.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("mx1.example.com", "mx2.example.com", false)]
    public void MtaStsPolicyMatches_Pattern_MatchesOneLabel(string pattern, string host, bool expected)
        => Assert.Equal(expected, MtaStsPolicy.Matches(pattern, host));

    [Theory]
    [InlineData("v=STSv1; id=20240101T000000;", null)]
    [InlineData("v=STSv1;", "no id")]
    [InlineData("v=STSv1; id=bad-id!", "letters or digits")]
    public void MtaStsRecordParse_Record_Validates(string text, string? expected)
    {
        var errors = MtaStsRecord.Parse(text).Errors;
        if (expected is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("v=TLSRPTv1; rua=mailto:tls@example.com,https://report.example.com/tls", null)]
    [InlineData("v=TLSRPTv1;", "no rua")]
    [InlineData("v=TLSRPTv1; rua=tls@example.com", "not a mailto")]
    public void TlsRptParse_Record_Validates(string text, string? expected)
    {
        var errors = TlsRptRecord.Parse(text).Errors;
        if (expected is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void DkimSelectorsFor_Microsoft365Mx_TriesSelector1First()
    {
        var (selectors, providers) = DkimSelectors.For(["shop-example-com.mail.protection.outlook.com"]);
        Assert.Equal("selector1", selectors[0]);
        Assert.Contains("Microsoft 365", providers);
    }

    [Fact]
    public void DkimSelectorsFor_AmazonSes_SaysNotGuessable()
    {
        var (_, providers) = DkimSelectors.For(["amazonses.com"]);
        Assert.Contains(providers, p => p.Contains("cannot be guessed", StringComparison.Ordinal));
    }
}

internal static class DkimTestKeys
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Cache = new();

    /// <summary>A key record per size, generated once per test run (RSA generation is slow).</summary>
    public static string Record(int bits) => Cache.GetOrAdd(bits, b =>
    {
        using var rsa = RSA.Create();
        rsa.KeySize = b;
        return "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    });
}
