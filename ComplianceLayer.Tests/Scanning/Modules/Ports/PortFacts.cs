using System.Globalization;
using System.Net;
using System.Text;
using ComplianceLayer.Scanning.Modules.Ports;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Ports;

/// <summary>Hand-built facts for the pure checks.</summary>
internal static class PortFacts
{
    public static readonly IPAddress WebHost = IPAddress.Parse("203.0.113.10");
    public static readonly IPAddress Second = IPAddress.Parse("203.0.113.11");

    public static PortObservation Open(int port, string? banner = null, IPAddress? address = null) => new(address ?? WebHost, port, PortState.Open, banner);

    public static PortObservation Closed(int port, IPAddress? address = null) => new(address ?? WebHost, port, PortState.Closed, null);

    public static PortObservation Filtered(int port, IPAddress? address = null) => new(address ?? WebHost, port, PortState.Filtered, null);

    public static PortScanFacts Facts(IEnumerable<PortObservation> observations, IEnumerable<PortObservation>? control = null, IEnumerable<IPAddress>? mx = null)
    {
        var list = observations.ToList();
        return new PortScanFacts(
            [.. list.Select(o => o.Address).Distinct()],
            [],
            [.. list.Select(o => o.Port).Distinct()],
            list,
            [.. control ?? PortsModule.ControlPorts.Select(p => Closed(p))],
            (mx ?? []).ToHashSet());
    }

    /// <summary>Bytes as <see cref="TcpPortProber"/> turns them into a banner: control and binary bytes as \xNN.</summary>
    public static string ProberBanner(byte[] bytes)
    {
        var builder = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b is (byte)'\r' or (byte)'\n' or (byte)'\t' or >= 0x20 and < 0x7f)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>A MySQL protocol-10 greeting with the given server version.</summary>
    public static byte[] MySqlGreeting(string version)
    {
        var payload = new List<byte> { 0x0a };
        payload.AddRange(Encoding.ASCII.GetBytes(version));
        payload.Add(0);
        payload.AddRange([0x08, 0x00, 0x00, 0x00]); // connection id
        payload.AddRange(Encoding.ASCII.GetBytes("abcdefgh"));
        payload.AddRange([0x00, 0xff, 0xf7, 0x2d, 0x02, 0x00, 0xff, 0x81, 0x15]);
        payload.AddRange(new byte[10]);
        payload.AddRange(Encoding.ASCII.GetBytes("ijklmnopqrst"));
        payload.Add(0);
        payload.AddRange(Encoding.ASCII.GetBytes("mysql_native_password"));
        payload.Add(0);
        return [(byte)payload.Count, (byte)(payload.Count >> 8), (byte)(payload.Count >> 16), 0x00, .. payload];
    }
}
