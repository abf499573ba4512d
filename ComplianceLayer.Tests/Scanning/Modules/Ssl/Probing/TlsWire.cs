using System.Buffers.Binary;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Probing;

/// <summary>Hand-built server messages and a ClientHello reader for the fake servers.</summary>
internal static class TlsWire
{
    public static byte[] ServerHello(ushort version, ushort suite, ushort? supportedVersion = null)
    {
        var body = new List<byte> { (byte)(version >> 8), (byte)version };
        body.AddRange(new byte[32]);
        body.Add(0);
        body.Add((byte)(suite >> 8));
        body.Add((byte)suite);
        body.Add(0);
        if (supportedVersion is { } v)
        {
            body.AddRange([0, 6, 0, 43, 0, 2, (byte)(v >> 8), (byte)v]);
        }

        byte[] handshake = [2, 0, (byte)(body.Count >> 8), (byte)body.Count, .. body];
        var recordVersion = version == 0x0300 ? (ushort)0x0300 : (ushort)0x0303;
        return [22, (byte)(recordVersion >> 8), (byte)recordVersion, (byte)(handshake.Length >> 8), (byte)handshake.Length, .. handshake];
    }

    public static byte[] Alert(byte description) => [21, 3, 3, 0, 2, 2, description];

    /// <summary>client_version and offered suites of a ClientHello record.</summary>
    public static (ushort Version, IReadOnlyList<ushort> Suites) ReadClientHello(ReadOnlySpan<byte> record)
    {
        var hello = record[9..];
        var version = BinaryPrimitives.ReadUInt16BigEndian(hello);
        var sessionLength = hello[34];
        var suitesAt = 35 + sessionLength;
        var suitesLength = BinaryPrimitives.ReadUInt16BigEndian(hello[suitesAt..]);
        var suites = new List<ushort>();
        for (var i = 0; i < suitesLength; i += 2)
        {
            suites.Add(BinaryPrimitives.ReadUInt16BigEndian(hello[(suitesAt + 2 + i)..]));
        }

        return (version, suites);
    }
}
