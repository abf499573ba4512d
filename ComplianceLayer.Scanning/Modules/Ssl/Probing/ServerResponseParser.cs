using System.Buffers.Binary;

namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

public enum ServerResponseKind
{
    /// <summary>Not enough bytes yet to decide.</summary>
    Incomplete,
    ServerHello,
    Alert,

    /// <summary>Not TLS (e.g. an HTTP answer on the port) or malformed.</summary>
    Unrecognised,
}

/// <summary>The first thing a server answered to a ClientHello.</summary>
public sealed record ServerResponse(ServerResponseKind Kind, ushort Version = 0, ushort Suite = 0, byte AlertLevel = 0, byte AlertDescription = 0);

/// <summary>Reads the first record(s) a server sent: a ServerHello (version incl. supported_versions, chosen suite) or an alert.</summary>
public static class ServerResponseParser
{
    public const byte HandshakeFailure = 40;
    public const byte ProtocolVersion = 70;
    public const byte InsufficientSecurity = 71;

    public static ServerResponse Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 5)
        {
            return new(ServerResponseKind.Incomplete);
        }

        var contentType = data[0];
        if (contentType is not (21 or 22) || data[1] != 3)
        {
            return new(ServerResponseKind.Unrecognised);
        }

        if (contentType == 21)
        {
            return data.Length < 7 ? new(ServerResponseKind.Incomplete) : new(ServerResponseKind.Alert, AlertLevel: data[5], AlertDescription: data[6]);
        }

        // Handshake messages may span records: join the payloads of the leading handshake records.
        var handshake = new List<byte>();
        var offset = 0;
        while (offset + 5 <= data.Length && data[offset] == 22)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 3)..]);
            var available = Math.Min(length, data.Length - offset - 5);
            handshake.AddRange(data.Slice(offset + 5, available));
            if (available < length)
            {
                break;
            }

            offset += 5 + length;
        }

        return ParseServerHello([.. handshake]);
    }

    private static ServerResponse ParseServerHello(ReadOnlySpan<byte> message)
    {
        if (message.Length < 4)
        {
            return new(ServerResponseKind.Incomplete);
        }

        if (message[0] != 2)
        {
            return new(ServerResponseKind.Unrecognised);
        }

        var length = (message[1] << 16) | (message[2] << 8) | message[3];
        var body = message[4..];
        if (body.Length < 35)
        {
            return new(ServerResponseKind.Incomplete);
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(body);
        var sessionIdLength = body[34];
        var suiteAt = 35 + sessionIdLength;
        if (body.Length < suiteAt + 3)
        {
            return new(ServerResponseKind.Incomplete);
        }

        var suite = BinaryPrimitives.ReadUInt16BigEndian(body[suiteAt..]);
        var extensionsAt = suiteAt + 3;
        if (length > extensionsAt + 2)
        {
            if (body.Length < length)
            {
                return new(ServerResponseKind.Incomplete);
            }

            version = SupportedVersion(body[extensionsAt..length]) ?? version;
        }

        return new(ServerResponseKind.ServerHello, version, suite);
    }

    /// <summary>TLS 1.3 puts the real version in the supported_versions extension (43); the legacy field says TLS 1.2.</summary>
    private static ushort? SupportedVersion(ReadOnlySpan<byte> extensions)
    {
        var total = BinaryPrimitives.ReadUInt16BigEndian(extensions);
        var rest = extensions.Slice(2, Math.Min(total, extensions.Length - 2));
        while (rest.Length >= 4)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(rest);
            var size = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            if (rest.Length < 4 + size)
            {
                return null;
            }

            if (type == 43 && size == 2)
            {
                return BinaryPrimitives.ReadUInt16BigEndian(rest[4..]);
            }

            rest = rest[(4 + size)..];
        }

        return null;
    }

    /// <summary>Turns what the server sent back for a hello offering <paramref name="offered"/> into a verdict.</summary>
    /// <param name="closedCleanly">The server closed (FIN) with no more bytes; false for a timeout or a reset.</param>
    public static ProbeResult Verdict(ReadOnlySpan<byte> received, TlsVersion offered, bool closedCleanly, string? failure)
    {
        var response = Parse(received);
        switch (response.Kind)
        {
            case ServerResponseKind.ServerHello when response.Version == offered.Wire():
                return ProbeResult.Accepted(response.Suite);
            case ServerResponseKind.ServerHello:
                return ProbeResult.NotAccepted($"the server answered with {TlsVersions.WireLabel(response.Version)}");
            case ServerResponseKind.Alert when response.AlertDescription is HandshakeFailure or ProtocolVersion or InsufficientSecurity:
                return ProbeResult.NotAccepted($"{AlertName(response.AlertDescription)} alert");
            case ServerResponseKind.Alert:
                return ProbeResult.NotTested($"the server answered with a {AlertName(response.AlertDescription)} alert");
            case ServerResponseKind.Unrecognised:
                return ProbeResult.NotTested("the server's answer is not a TLS handshake");
            default:
                if (received.Length == 0 && closedCleanly)
                {
                    return ProbeResult.NotAccepted("the server closed the connection after the ClientHello");
                }

                return ProbeResult.NotTested(failure ?? "the server's answer was cut short");
        }
    }

    public static string AlertName(byte description) => description switch
    {
        10 => "unexpected_message",
        20 => "bad_record_mac",
        22 => "record_overflow",
        40 => "handshake_failure",
        42 => "bad_certificate",
        47 => "illegal_parameter",
        50 => "decode_error",
        51 => "decrypt_error",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        109 => "missing_extension",
        110 => "unsupported_extension",
        112 => "unrecognized_name",
        _ => $"alert {description}",
    };
}
