using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning.Net;

/// <summary>The guard's decision about one address.</summary>
public sealed record TargetDecision(IPAddress Address, bool IsAllowed, string? Reason)
{
    public static TargetDecision Allow(IPAddress address) => new(address, true, null);
}

/// <summary>
/// Decides whether the scanner may contact an address. Everything that is not a public unicast
/// address is refused (loopback, RFC 1918, link-local and cloud metadata, CGNAT, multicast,
/// reserved, documentation ranges, IPv6 ULA/link-local/site-local, and IPv6 forms that embed a
/// refused IPv4 address), unless <see cref="ScanningOptions.AllowPrivateNetworks"/> is true.
/// It is applied to every resolved address, every redirect hop and every port probe.
/// </summary>
public sealed class TargetGuard
{
    private readonly bool _allowPrivateNetworks;
    private readonly HashSet<IPAddress> _exemptAddresses;

    public TargetGuard(IOptions<ScanningOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.AllowPrivateNetworks)
    {
    }

    /// <param name="allowPrivateNetworks">Allow every address (tests and local labs).</param>
    /// <param name="exemptAddresses">
    /// Single addresses allowed although they would be refused, for tests that need one loopback
    /// server while the guard stays on for everything else. Not bound from configuration on purpose.
    /// </param>
    public TargetGuard(bool allowPrivateNetworks, IEnumerable<IPAddress>? exemptAddresses = null)
    {
        _allowPrivateNetworks = allowPrivateNetworks;
        _exemptAddresses = [.. (exemptAddresses ?? []).Select(Normalize)];
    }

    public bool AllowsPrivateNetworks => _allowPrivateNetworks;

    public TargetDecision Check(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_allowPrivateNetworks || _exemptAddresses.Contains(Normalize(address)))
        {
            return TargetDecision.Allow(address);
        }

        var reason = GetRefusalReason(address);
        return reason is null ? TargetDecision.Allow(address) : new TargetDecision(address, false, reason);
    }

    /// <summary>Throws <see cref="ScanTargetRefusedException"/> when <paramref name="address"/> is refused.</summary>
    public void EnsureAllowed(IPAddress address, string? target = null)
    {
        var decision = Check(address);
        if (!decision.IsAllowed)
        {
            throw new ScanTargetRefusedException(target ?? address.ToString(), address, decision.Reason!);
        }
    }

    /// <summary>
    /// Why <paramref name="address"/> is not a public address, or null when it is. Independent of
    /// configuration, so that callers can also explain an address they were allowed to contact.
    /// </summary>
    public static string? GetRefusalReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => GetIPv4Reason(address),
            AddressFamily.InterNetworkV6 => GetIPv6Reason(address),
            _ => $"{address} is not an IPv4 or IPv6 address",
        };
    }

    private static IPAddress Normalize(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        // Scope ids (fe80::1%2) must not make an exempt address look different.
        return plain.AddressFamily == AddressFamily.InterNetworkV6 && plain.ScopeId != 0
            ? new IPAddress(plain.GetAddressBytes())
            : plain;
    }

    private static string? GetIPv4Reason(IPAddress address)
    {
        var b = address.GetAddressBytes();
        var text = address.ToString();
        return (b[0], b[1], b[2]) switch
        {
            (0, _, _) => $"{text} is in 0.0.0.0/8 (\"this network\", RFC 1122), not a reachable host",
            (10, _, _) => $"{text} is a private address (RFC 1918)",
            (100, >= 64 and <= 127, _) => $"{text} is a carrier-grade NAT address (100.64.0.0/10, RFC 6598)",
            (127, _, _) => $"{text} is a loopback address (127.0.0.0/8)",
            (169, 254, _) when b[2] == 169 && b[3] == 254 => $"{text} is the cloud instance metadata endpoint (link-local 169.254.0.0/16)",
            (169, 254, _) => $"{text} is a link-local address (169.254.0.0/16)",
            (172, >= 16 and <= 31, _) => $"{text} is a private address (RFC 1918)",
            (192, 0, 0) => $"{text} is in 192.0.0.0/24 (IETF protocol assignments, RFC 6890)",
            (192, 0, 2) => $"{text} is a documentation address (TEST-NET-1, RFC 5737)",
            (192, 88, 99) => $"{text} is in 192.88.99.0/24 (deprecated 6to4 relay anycast, RFC 7526)",
            (192, 168, _) => $"{text} is a private address (RFC 1918)",
            (198, 18 or 19, _) => $"{text} is a benchmarking address (198.18.0.0/15, RFC 2544)",
            (198, 51, 100) => $"{text} is a documentation address (TEST-NET-2, RFC 5737)",
            (203, 0, 113) => $"{text} is a documentation address (TEST-NET-3, RFC 5737)",
            ( >= 224 and <= 239, _, _) => $"{text} is a multicast address (224.0.0.0/4)",
            (255, 255, 255) when b[3] == 255 => $"{text} is the limited broadcast address",
            ( >= 240, _, _) => $"{text} is a reserved address (240.0.0.0/4)",
            _ => null,
        };
    }

    private static string? GetIPv6Reason(IPAddress address)
    {
        var b = address.GetAddressBytes();
        var text = address.ToString();

        if (address.Equals(IPAddress.IPv6None))
        {
            return $"{text} is the unspecified address";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return $"{text} is the IPv6 loopback address";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded(text, "an IPv4-mapped form", new IPAddress(b.AsSpan(12, 4)));
        }

        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return Embedded(text, "an IPv4-compatible form (deprecated, RFC 4291)", new IPAddress(b.AsSpan(12, 4)));
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            // 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is for local use only (RFC 8215).
            if (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            {
                return Embedded(text, "a NAT64 form (64:ff9b::/96)", new IPAddress(b.AsSpan(12, 4)));
            }

            return $"{text} is in the local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215)";
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return Embedded(text, "a 6to4 form (2002::/16)", new IPAddress(b.AsSpan(2, 4)));
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            return $"{text} is a Teredo tunnel address (2001::/32), which can reach arbitrary IPv4 hosts";
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            return $"{text} is a documentation address (2001:db8::/32)";
        }

        if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0)
        {
            return $"{text} is a documentation address (3fff::/20, RFC 9637)";
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x02 && b[4] == 0 && b[5] == 0)
        {
            return $"{text} is a benchmarking address (2001:2::/48)";
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && (b[3] & 0xf0) is 0x10 or 0x20)
        {
            return $"{text} is an ORCHID address (2001:10::/28, 2001:20::/28), not routable";
        }

        if ((b[0] & 0xfe) == 0xfc)
        {
            return $"{text} is a unique local address (fc00::/7)";
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        {
            return $"{text} is an IPv6 link-local address (fe80::/10)";
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        {
            return $"{text} is an IPv6 site-local address (fec0::/10, deprecated)";
        }

        if (b[0] == 0xff)
        {
            return $"{text} is an IPv6 multicast address (ff00::/8)";
        }

        if (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0)
        {
            return $"{text} is a discard-only address (100::/64, RFC 6666)";
        }

        if ((b[0] & 0xe0) != 0x20)
        {
            return $"{text} is not a global unicast address (outside 2000::/3)";
        }

        return null;
    }

    private static string? Embedded(string text, string form, IPAddress embedded)
    {
        var inner = GetIPv4Reason(embedded);
        return inner is null ? null : $"{text} is {form} of {embedded}, and {inner}";
    }
}
