using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ComplianceLayer.Tests.Scanning.Net;

public sealed record TestHttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, IPEndPoint LocalEndPoint, byte[]? Body = null);

public sealed record TestHttpResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static TestHttpResponse Text(string body, params (string Name, string Value)[] headers)
        => new(200, [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)), new("Content-Type", "text/plain; charset=utf-8")], Encoding.UTF8.GetBytes(body));

    public static TestHttpResponse Redirect(int status, string location, params (string Name, string Value)[] headers)
        => new(status, [new("Location", location), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], []);
}

/// <summary>
/// A tiny HTTP/1.1 server (optionally over TLS) on a loopback address: one request per connection,
/// every request recorded, the response chosen by a handler. Enough for redirects, cookies, caps and timeouts.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<TestHttpRequest, CancellationToken, Task<TestHttpResponse>> _handler;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Func<TestHttpRequest, CancellationToken, Task<TestHttpResponse>> handler, IPAddress? address = null, X509Certificate2? certificate = null)
    {
        _handler = handler;
        _certificate = certificate;
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public LoopbackHttpServer(Func<TestHttpRequest, TestHttpResponse> handler, IPAddress? address = null, X509Certificate2? certificate = null)
        : this((r, _) => Task.FromResult(handler(r)), address, certificate)
    {
    }

    public int Port { get; }

    public ConcurrentQueue<TestHttpRequest> Requests { get; } = new();

    public Uri Url(string path, string host = "127.0.0.1")
        => new($"{(_certificate is null ? "http" : "https")}://{host}:{Port}{path}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or TimeoutException)
        {
            // Stopping the listener ends the accept loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (_certificate is not null)
                {
                    var ssl = new SslStream(stream);
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                    stream = ssl;
                }

                await using (stream)
                {
                    var request = await ReadRequestAsync(stream, (IPEndPoint)client.Client.LocalEndPoint!);
                    if (request is null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    var response = await _handler(request, _stop.Token);
                    var head = new StringBuilder();
                    head.Append("HTTP/1.1 ").Append(response.Status).Append(" Test\r\n");
                    foreach (var (name, value) in response.Headers)
                    {
                        head.Append(name).Append(": ").Append(value).Append("\r\n");
                    }

                    head.Append("Content-Length: ").Append(response.Body.Length).Append("\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                    await stream.WriteAsync(response.Body, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                or System.Security.Authentication.AuthenticationException)
            {
                // The client gave up (body cap, timeout) or the test ended.
            }
        }
    }

    private async Task<TestHttpRequest?> ReadRequestAsync(Stream stream, IPEndPoint local)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        while (!EndsHead(buffer))
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0 || buffer.Count > 64 * 1024)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).TakeWhile(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        // A body announced by Content-Length (webhook POSTs): what came with the head, then the rest.
        byte[]? body = null;
        if (headers.TryGetValue("Content-Length", out var lengthText) && int.TryParse(lengthText, out var length) && length > 0)
        {
            var headLength = HeadLength(buffer);
            var received = buffer.Skip(headLength).ToList();
            while (received.Count < length)
            {
                var read = await stream.ReadAsync(chunk, _stop.Token);
                if (read == 0)
                {
                    return null;
                }

                received.AddRange(chunk.AsSpan(0, read).ToArray());
            }

            body = [.. received.Take(length)];
        }

        return new TestHttpRequest(requestLine[0], requestLine[1], headers, local, body);
    }

    private static int HeadLength(List<byte> buffer)
    {
        for (var i = 3; i < buffer.Count; i++)
        {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n')
            {
                return i + 1;
            }
        }

        return buffer.Count;
    }

    private static bool EndsHead(List<byte> buffer)
    {
        for (var i = 3; i < buffer.Count; i++)
        {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n')
            {
                return true;
            }
        }

        return false;
    }
}
