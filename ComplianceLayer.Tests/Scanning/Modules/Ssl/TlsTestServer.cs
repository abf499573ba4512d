using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl;

/// <summary>An SslStream server that handshakes with a given leaf and, optionally, sends intermediates; then closes.</summary>
internal sealed class TlsTestServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SslStreamCertificateContext _context;
    private readonly CancellationTokenSource _stop = new();

    public TlsTestServer(X509Certificate2 leaf, params X509Certificate2[] intermediates)
    {
        _context = SslStreamCertificateContext.Create(leaf, [.. intermediates], offline: true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
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

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await using var ssl = new SslStream(client.GetStream());
                        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _context });
                        await ssl.ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                    }
                    catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or TimeoutException or ObjectDisposedException)
                    {
                        // Probes refused by design, or a client that closed: both are expected here.
                    }
                }
            });
        }
    }
}
