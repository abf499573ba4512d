using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ComplianceLayer.Tests.Scanning.Modules.DnsEmail;

public enum SmtpServerMode
{
    StartTls,
    NoStartTls,
    Greeting421,
    Silent,
}

/// <summary>A scripted SMTP server on a loopback address: greeting, EHLO, optional STARTTLS and a TLS handshake.</summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly SmtpServerMode _mode;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public LoopbackSmtpServer(SmtpServerMode mode, X509Certificate2? certificate = null)
    {
        _mode = mode;
        _certificate = certificate;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or TimeoutException)
        {
            // Stopping the listener ends the loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                if (_mode == SmtpServerMode.Silent)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                await WriteAsync(stream, _mode == SmtpServerMode.Greeting421 ? "421 4.7.0 Too many connections, try later" : "220 mx.shop.example.com ESMTP");
                if (_mode == SmtpServerMode.Greeting421)
                {
                    return;
                }

                await ReadLineAsync(stream);
                await WriteAsync(stream, _mode == SmtpServerMode.StartTls ? "250-mx.shop.example.com\r\n250-SIZE 10240000\r\n250 STARTTLS" : "250-mx.shop.example.com\r\n250 SIZE 10240000");
                var command = await ReadLineAsync(stream);
                if (_mode == SmtpServerMode.StartTls && command.StartsWith("STARTTLS", StringComparison.Ordinal))
                {
                    await WriteAsync(stream, "220 2.0.0 Ready to start TLS");
                    using var ssl = new SslStream(stream);
                    await ssl.AuthenticateAsServerAsync(_certificate!);
                    await Task.Delay(200, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                // The client hung up or the test ended.
            }
        }
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n")).AsTask();

    private static async Task<string> ReadLineAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer) == 1 && buffer[0] != '\n')
        {
            bytes.Add(buffer[0]);
        }

        return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
    }
}
