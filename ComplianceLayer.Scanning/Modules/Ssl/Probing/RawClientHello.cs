using System.Security.Cryptography;
using System.Text;

namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// A ClientHello built byte by byte (no crypto): enough to learn which version and suite a server picks, for what no
/// TLS library here implements any more (SSL 3.0, RC4, EXPORT, DES).
/// </summary>
public static class RawClientHello
{
    private static readonly ushort[] Groups = [0x0017, 0x0018, 0x0019, 0x001D];

    private static readonly ushort[] SignatureAlgorithms = [0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0201, 0x0203];

    /// <summary>One TLS record holding a ClientHello that offers exactly <paramref name="version"/> (below TLS 1.3) and <paramref name="suites"/>.</summary>
    public static byte[] Build(TlsVersion version, IReadOnlyList<ushort> suites, string? serverName)
    {
        ArgumentNullException.ThrowIfNull(suites);
        if (version == TlsVersion.Tls13)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "The raw probe covers SSL 3.0 to TLS 1.2.");
        }

        var body = new List<byte>();
        AddU16(body, version.Wire());
        body.AddRange(RandomNumberGenerator.GetBytes(32));
        body.Add(0); // no session id
        AddU16(body, (ushort)(suites.Count * 2));
        foreach (var suite in suites)
        {
            AddU16(body, suite);
        }

        body.Add(1);
        body.Add(0); // null compression only

        if (version != TlsVersion.Ssl30)
        {
            var extensions = Extensions(version, serverName);
            AddU16(body, (ushort)extensions.Count);
            body.AddRange(extensions);
        }

        var record = new List<byte> { 22 };
        // Record version: SSL 3.0 for an SSL 3.0 hello, TLS 1.0 otherwise (what clients send for compatibility).
        AddU16(record, version == TlsVersion.Ssl30 ? (ushort)0x0300 : (ushort)0x0301);
        AddU16(record, (ushort)(body.Count + 4));
        record.Add(1); // client_hello
        record.Add((byte)(body.Count >> 16));
        record.Add((byte)(body.Count >> 8));
        record.Add((byte)body.Count);
        record.AddRange(body);
        return [.. record];
    }

    private static List<byte> Extensions(TlsVersion version, string? serverName)
    {
        var extensions = new List<byte>();
        if (!string.IsNullOrEmpty(serverName) && !System.Net.IPAddress.TryParse(serverName, out _))
        {
            var name = Encoding.ASCII.GetBytes(serverName);
            var sni = new List<byte>();
            AddU16(sni, (ushort)(name.Length + 3));
            sni.Add(0);
            AddU16(sni, (ushort)name.Length);
            sni.AddRange(name);
            AddExtension(extensions, 0x0000, sni);
        }

        var groups = new List<byte>();
        AddU16(groups, (ushort)(Groups.Length * 2));
        foreach (var group in Groups)
        {
            AddU16(groups, group);
        }

        AddExtension(extensions, 0x000A, groups);
        AddExtension(extensions, 0x000B, [1, 0]);
        if (version == TlsVersion.Tls12)
        {
            var algorithms = new List<byte>();
            AddU16(algorithms, (ushort)(SignatureAlgorithms.Length * 2));
            foreach (var algorithm in SignatureAlgorithms)
            {
                AddU16(algorithms, algorithm);
            }

            AddExtension(extensions, 0x000D, algorithms);
        }

        AddExtension(extensions, 0xFF01, [0]); // renegotiation_info, empty
        return extensions;
    }

    private static void AddExtension(List<byte> to, ushort type, List<byte> data)
    {
        AddU16(to, type);
        AddU16(to, (ushort)data.Count);
        to.AddRange(data);
    }

    private static void AddU16(List<byte> to, ushort value)
    {
        to.Add((byte)(value >> 8));
        to.Add((byte)value);
    }
}
