using System.Net.Sockets;

namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>Sends a <see cref="RawClientHello"/> over a connected stream and reads the answer (blocking, bounded by the socket's timeouts).</summary>
public static class RawHelloProbe
{
    public static ProbeResult Run(Stream stream, TlsVersion version, IReadOnlyList<ushort> suites, string? serverName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(RawClientHello.Build(version, suites, serverName));
        stream.Flush();
        var received = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = stream.Read(buffer);
                if (read == 0)
                {
                    return ServerResponseParser.Verdict([.. received], version, closedCleanly: true, "the server closed the connection in the middle of its answer");
                }

                received.AddRange(buffer.AsSpan(0, read));
                if (ServerResponseParser.Parse([.. received]).Kind != ServerResponseKind.Incomplete)
                {
                    return ServerResponseParser.Verdict([.. received], version, closedCleanly: false, null);
                }
            }
        }
        catch (IOException ex)
        {
            return ServerResponseParser.Verdict([.. received], version, closedCleanly: false, ProbeFailures.Describe(ex));
        }
    }
}

internal static class ProbeFailures
{
    public static string Describe(Exception ex) => ex.InnerException is SocketException socket
        ? socket.SocketErrorCode switch
        {
            SocketError.TimedOut or SocketError.WouldBlock => "no answer in time",
            SocketError.ConnectionReset => "the server reset the connection",
            _ => socket.Message,
        }
        : ex.Message;
}
