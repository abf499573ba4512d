using System.Net;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Net;

public sealed class TargetGuardTests
{
    public static TheoryData<string, string> RefusedAddresses => new()
    {
        { "127.0.0.1", "loopback" },
        { "127.255.255.254", "loopback" },
        { "10.0.0.1", "private address (RFC 1918)" },
        { "172.16.5.4", "private address (RFC 1918)" },
        { "172.31.255.255", "private address (RFC 1918)" },
        { "192.168.1.1", "private address (RFC 1918)" },
        { "169.254.169.254", "metadata" },
        { "169.254.1.1", "link-local" },
        { "100.64.0.1", "carrier-grade NAT" },
        { "100.127.255.255", "carrier-grade NAT" },
        { "0.0.0.0", "this network" },
        { "0.1.2.3", "this network" },
        { "224.0.0.1", "multicast" },
        { "239.255.255.250", "multicast" },
        { "240.0.0.1", "reserved" },
        { "255.255.255.255", "broadcast" },
        { "192.0.0.8", "192.0.0.0/24" },
        { "192.0.2.10", "documentation" },
        { "198.51.100.7", "documentation" },
        { "203.0.113.99", "documentation" },
        { "198.18.0.1", "benchmarking" },
        { "198.19.255.1", "benchmarking" },
        { "::1", "loopback" },
        { "::", "unspecified" },
        { "fc00::1", "unique local" },
        { "fd12::1", "unique local" },
        { "fe80::1", "link-local" },
        { "fe80::1%2", "link-local" },
        { "fec0::1", "site-local" },
        { "ff02::1", "multicast" },
        { "::ffff:127.0.0.1", "IPv4-mapped form of 127.0.0.1, and 127.0.0.1 is a loopback" },
        { "::ffff:10.0.0.1", "IPv4-mapped form of 10.0.0.1" },
        { "::ffff:169.254.169.254", "metadata" },
        { "::10.0.0.1", "IPv4-compatible" },
        { "64:ff9b::a00:1", "NAT64 form (64:ff9b::/96) of 10.0.0.1" },
        { "64:ff9b::7f00:1", "loopback" },
        { "64:ff9b:1::1", "local-use NAT64" },
        { "2002:0a00:0001::1", "6to4 form (2002::/16) of 10.0.0.1" },
        { "2002:a9fe:a9fe::1", "metadata" },
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo" },
        { "2001:db8::1", "documentation" },
        { "100::1", "discard-only" },
        { "::ffff:0:a00:1", "not a global unicast" },
    };

    public static TheoryData<string> PublicAddresses => new()
    {
        "1.1.1.1",
        "8.8.8.8",
        "9.9.9.9",
        "93.184.215.14",
        "100.63.255.255",
        "100.128.0.1",
        "172.15.255.255",
        "172.32.0.1",
        "192.0.1.1",
        "192.169.0.1",
        "223.255.255.254",
        "2606:4700::1111",
        "2a00:1450:4001:82b::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:0808:0808::1",
    };

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public void Check_NonPublicAddress_RefusedWithReason(string address, string expectedReasonPart)
    {
        var guard = new TargetGuard(allowPrivateNetworks: false);

        var decision = guard.Check(IPAddress.Parse(address));

        Assert.False(decision.IsAllowed);
        Assert.Contains(expectedReasonPart, decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public void Check_PublicAddress_Allowed(string address)
    {
        var guard = new TargetGuard(allowPrivateNetworks: false);

        var decision = guard.Check(IPAddress.Parse(address));

        Assert.True(decision.IsAllowed, decision.Reason);
        Assert.Null(decision.Reason);
    }

    public static TheoryData<string> RefusedAddressesOnly => new(RefusedAddresses.Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(RefusedAddressesOnly))]
    public void Check_AllowPrivateNetworks_AllowsEverything(string address)
    {
        var guard = new TargetGuard(allowPrivateNetworks: true);

        var decision = guard.Check(IPAddress.Parse(address));

        Assert.True(decision.IsAllowed);
        Assert.Null(decision.Reason);
        Assert.NotNull(TargetGuard.GetRefusalReason(IPAddress.Parse(address)));
    }

    [Fact]
    public void Check_ExemptAddress_AllowedOthersStillRefused()
    {
        var guard = new TargetGuard(allowPrivateNetworks: false, [IPAddress.Loopback]);

        Assert.True(guard.Check(IPAddress.Parse("127.0.0.1")).IsAllowed);
        Assert.True(guard.Check(IPAddress.Parse("::ffff:127.0.0.1")).IsAllowed);
        Assert.False(guard.Check(IPAddress.Parse("127.0.0.2")).IsAllowed);
        Assert.False(guard.Check(IPAddress.Parse("10.0.0.1")).IsAllowed);
    }

    [Fact]
    public void EnsureAllowed_PrivateAddress_ThrowsWithHumanReadableMessage()
    {
        var guard = new TargetGuard(allowPrivateNetworks: false);

        var ex = Assert.Throws<ScanTargetRefusedException>(() => guard.EnsureAllowed(IPAddress.Parse("10.0.0.1"), "intranet.example"));

        Assert.Equal("10.0.0.1 is a private address (RFC 1918)", ex.Reason);
        Assert.Equal("Refused to contact intranet.example (10.0.0.1): 10.0.0.1 is a private address (RFC 1918)", ex.Message);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), ex.Address);
    }
}
