using System.Net;
using System.Net.Sockets;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Probing;

/// <summary>What the fake server does with a ClientHello.</summary>
internal abstract record FakeReply
{
    public sealed record Send(byte[] Bytes) : FakeReply;

    public sealed record Close : FakeReply;

    public sealed record Reset : FakeReply;

    public sealed record Silent : FakeReply;
}

/// <summary>
/// A TCP listener that reads one ClientHello per connection and answers with hand-built bytes: what the local OpenSSL
/// cannot serve (SSL 3.0, RC4, EXPORT) and misbehaviour (silence, reset). After a ServerHello it closes, which is
/// enough: acceptance is decided at the ServerHello.
/// </summary>
internal sealed class FakeTlsServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ushort, IReadOnlyList<ushort>, FakeReply> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _silent = [];

    public FakeTlsServer(Func<ushort, IReadOnlyList<ushort>, FakeReply> reply)
    {
        _reply = reply;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public int Connections;

    /// <summary>Accepts exactly <paramref name="suite"/> at exactly <paramref name="version"/>; refuses anything else with handshake_failure.</summary>
    public static FakeTlsServer Accepting(ushort version, ushort suite) =>
        new((v, suites) => v == version && suites.Contains(suite)
            ? new FakeReply.Send(TlsWire.ServerHello(version, suite))
            : new FakeReply.Send(TlsWire.Alert(40)));

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_silent)
        {
            _silent.ForEach(s => s.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref Connections);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            var header = new byte[5];
            await ReadExactlyAsync(socket, header);
            var body = new byte[(header[3] << 8) | header[4]];
            await ReadExactlyAsync(socket, body);
            var (version, suites) = TlsWire.ReadClientHello([.. header, .. body]);
            switch (_reply(version, suites))
            {
                case FakeReply.Send send:
                    await socket.SendAsync(send.Bytes);
                    socket.Shutdown(SocketShutdown.Send);
                    await Task.Delay(100);
                    break;
                case FakeReply.Reset:
                    socket.LingerState = new LingerOption(true, 0);
                    break;
                case FakeReply.Silent:
                    lock (_silent)
                    {
                        _silent.Add(socket);
                    }

                    return;
                default:
                    socket.Shutdown(SocketShutdown.Send);
                    break;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The client hung up first: nothing to answer.
        }

        socket.Dispose();
    }

    private static async Task ReadExactlyAsync(Socket socket, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                throw new IOException("closed");
            }

            read += n;
        }
    }
}
