using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Net;

public sealed class HostnameMatcherTests
{
    [Theory]
    [InlineData("secure.test", "secure.test", true)]
    [InlineData("SECURE.test", "secure.TEST", true)]
    [InlineData("secure.test", "secure.test.", true)]
    [InlineData("*.wild.test", "a.wild.test", true)]
    [InlineData("*.wild.test", "a.b.wild.test", false)]
    [InlineData("*.wild.test", "wild.test", false)]
    [InlineData("*.test", "a.test", false)]
    [InlineData("a*.wild.test", "ab.wild.test", false)]
    [InlineData("*.*.wild.test", "a.b.wild.test", false)]
    [InlineData("other.test", "secure.test", false)]
    [InlineData("*.bücher.test", "www.xn--bcher-kva.test", true)]
    [InlineData("bücher.test", "bücher.test", true)]
    public void Matches_Pattern_FollowsRfc6125(string pattern, string host, bool expected)
    {
        Assert.Equal(expected, HostnameMatcher.Matches(pattern, host));
    }

    [Fact]
    public void Matches_CertificateWithoutSanButMatchingCommonName_False()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=secure.test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.False(HostnameMatcher.Matches(certificate, "secure.test"));
    }
}
