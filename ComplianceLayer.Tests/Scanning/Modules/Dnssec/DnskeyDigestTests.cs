using ComplianceLayer.Scanning.Modules.Dnssec;

namespace ComplianceLayer.Tests.Scanning.Modules.Dnssec;

public sealed class DnskeyDigestTests
{
    // RFC 4034 §5.4 (and RFC 4509 §2.3 for SHA-256): DNSKEY 256 3 5 of dskey.example.com, key id 60485.
    private static readonly DnskeyFact Rfc4034Key = new(256, 3, 5, Convert.FromBase64String(
        "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLU" +
        "Uh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw=="));

    // RFC 6605 §6.1: DNSKEY 257 3 13 of example.net, DS 55648 13 2.
    private static readonly DnskeyFact Rfc6605Key = new(257, 3, 13, Convert.FromBase64String(
        "GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA=="));

    [Fact]
    public void KeyTag_Rfc4034Example_Is60485() => Assert.Equal(60485, Rfc4034Key.KeyTag);

    [Fact]
    public void Compute_Rfc4034ExampleSha1_MatchesPublishedDs()
        => Assert.Equal("2BB183AF5F22588179A53B0A98631FAD1A292118", Convert.ToHexString(DnskeyDigest.Compute("dskey.example.com", Rfc4034Key, 1)!));

    [Fact]
    public void Compute_Rfc4509ExampleSha256_MatchesPublishedDs()
        => Assert.Equal("D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A",
            Convert.ToHexString(DnskeyDigest.Compute("dskey.example.com", Rfc4034Key, 2)!));

    [Fact]
    public void Compute_OwnerNameInMixedCaseWithTrailingDot_IsCanonicalised()
        => Assert.Equal(DnskeyDigest.Compute("dskey.example.com", Rfc4034Key, 2), DnskeyDigest.Compute("DSKEY.Example.COM.", Rfc4034Key, 2));

    [Fact]
    public void Matches_Rfc6605EcdsaExample_IsTrue()
    {
        var ds = new DsFact(55648, 13, 2, Convert.FromHexString("b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17"));
        Assert.Equal(55648, Rfc6605Key.KeyTag);
        Assert.True(DnskeyDigest.Matches("example.net", ds, Rfc6605Key));
    }

    [Fact]
    public void Matches_RightDigestWrongOwner_IsFalse()
    {
        var ds = new DsFact(55648, 13, 2, Convert.FromHexString("b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17"));
        Assert.False(DnskeyDigest.Matches("example.org", ds, Rfc6605Key));
    }

    [Fact]
    public void Matches_KeyWithoutZoneFlag_IsFalse()
    {
        var notZoneKey = Rfc6605Key with { Flags = 1 };
        var digest = DnskeyDigest.Compute("example.net", notZoneKey, 2)!;
        Assert.False(DnskeyDigest.Matches("example.net", new DsFact(notZoneKey.KeyTag, 13, 2, digest), notZoneKey));
    }

    [Fact]
    public void Compute_GeneratedEcdsaKey_EqualsIndependentTestComputation()
    {
        var rdata = DnssecTestRecords.EcdsaP256Dnskey();
        var key = new DnskeyFact(257, 3, 13, rdata.AsMemory(4));
        var ds = DnssecTestRecords.DsFor("shop.example.com", rdata);
        Assert.Equal(DnssecTestRecords.KeyTag(rdata), key.KeyTag);
        Assert.Equal(ds[4..], DnskeyDigest.Compute("shop.example.com", key, 2));
        Assert.Equal(256, DnssecAlgorithms.KeySizeBits(key));
    }

    [Fact]
    public void Compute_UnknownDigestType_IsNull() => Assert.Null(DnskeyDigest.Compute("example.net", Rfc6605Key, 3));

    [Theory]
    [InlineData(2048)]
    [InlineData(1024)]
    public void KeySizeBits_RsaKey_IsModulusLength(int bits)
    {
        var rdata = DnssecTestRecords.RsaDnskey(8, bits: bits);
        Assert.Equal(bits, DnssecAlgorithms.KeySizeBits(new DnskeyFact(257, 3, 8, rdata.AsMemory(4))));
    }

    [Fact]
    public void KeyTag_RsaMd5_UsesModulusBytes()
    {
        var key = new DnskeyFact(256, 3, 1, new byte[] { 1, 3, 0xAA, 0xBB, 0x12, 0x34, 0x56 });
        Assert.Equal(0x1234, key.KeyTag);
    }
}
