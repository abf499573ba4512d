using ComplianceLayer.Scanning.Modules.Ssl.Probing;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Probing;

public sealed class CipherSuiteCatalogTests
{
    [Theory]
    [InlineData((ushort)0x1302, "TLS_AES_256_GCM_SHA384", SuiteRating.Good)]
    [InlineData((ushort)0x1303, "TLS_CHACHA20_POLY1305_SHA256", SuiteRating.Good)]
    [InlineData((ushort)0x1301, "TLS_AES_128_GCM_SHA256", SuiteRating.Sufficient)]
    [InlineData((ushort)0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", SuiteRating.Sufficient)]
    [InlineData((ushort)0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", SuiteRating.Sufficient)]
    [InlineData((ushort)0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", SuiteRating.Sufficient)]
    [InlineData((ushort)0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", SuiteRating.PhaseOut)]
    [InlineData((ushort)0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", SuiteRating.PhaseOut)]
    [InlineData((ushort)0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", SuiteRating.Insufficient)]
    [InlineData((ushort)0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", SuiteRating.Insufficient)]
    [InlineData((ushort)0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", SuiteRating.Insufficient)]
    [InlineData((ushort)0x0005, "TLS_RSA_WITH_RC4_128_SHA", SuiteRating.Insufficient)]
    [InlineData((ushort)0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", SuiteRating.Insufficient)]
    [InlineData((ushort)0xC0AE, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", SuiteRating.Insufficient)]
    public void Get_KnownSuite_IanaNameAndNcscRating(ushort id, string name, SuiteRating rating)
    {
        var suite = CipherSuiteCatalog.Get(id);
        Assert.Equal(name, suite.Name);
        Assert.Equal(rating, suite.Rating);
    }

    [Fact]
    public void Get_TlsRsaWithAes128CbcSha_PropertiesFromName()
    {
        var suite = CipherSuiteCatalog.Get(0x002F);
        Assert.Equal(("RSA", "AES_128_CBC_SHA"), (suite.KeyExchange, suite.Cipher));
        Assert.False(suite.HasForwardSecrecy);
        Assert.False(suite.IsAead);
        Assert.True(CipherSuiteCatalog.Get(0x1301).HasForwardSecrecy);
    }

    [Fact]
    public void BouncyCastleSuites_Tls13_OnlyTls13Suites()
    {
        var suites = CipherSuiteCatalog.BouncyCastleSuites(TlsVersion.Tls13);
        Assert.Contains((ushort)0x1301, suites);
        Assert.Contains((ushort)0x1303, suites);
        Assert.All(suites, s => Assert.True(CipherSuiteCatalog.Get(s).IsTls13));
    }

    [Fact]
    public void BouncyCastleSuites_Tls10_LegacyCbcButNoGcmAndNoRc4()
    {
        var suites = CipherSuiteCatalog.BouncyCastleSuites(TlsVersion.Tls10);
        Assert.Contains((ushort)0x002F, suites);
        Assert.Contains((ushort)0x000A, suites);
        Assert.DoesNotContain((ushort)0xC02F, suites);
        Assert.DoesNotContain((ushort)0x0005, suites);
    }

    [Fact]
    public void LegacyOnlySuites_IncludeRc4ExportAndDes()
    {
        Assert.Contains((ushort)0x0005, CipherSuiteCatalog.LegacyOnlySuites);
        Assert.Contains((ushort)0x0003, CipherSuiteCatalog.LegacyOnlySuites);
        Assert.Contains((ushort)0x0009, CipherSuiteCatalog.LegacyOnlySuites);
    }
}
