using System.Net;
using System.Net.Sockets;

namespace ComplianceLayer.Tests.Scanning.Modules.Ports;

/// <summary>
/// A TCP service on a loopback address and a fixed port: says its banner on connect, or answers once the client spoke
/// (<c>replyAfterInput</c>, for Redis), or stays silent. Null from <see cref="TryStart"/> when the port cannot be bound.
/// </summary>
internal sealed class BannerListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly byte[] _banner;
    private readonly bool _replyAfterInput;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private BannerListener(TcpListener listener, byte[] banner, bool replyAfterInput)
    {
        _listener = listener;
        _banner = banner;
        _replyAfterInput = replyAfterInput;
        _loop = Task.Run(AcceptAsync);
    }

    public int Connections;

    public static BannerListener? TryStart(IPAddress address, int port, byte[]? banner = null, bool replyAfterInput = false)
    {
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }

        return new BannerListener(listener, banner ?? [], replyAfterInput);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Dispose();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or TimeoutException)
        {
            // Stopping the listener ends the loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref Connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                if (_replyAfterInput)
                {
                    var buffer = new byte[64];
                    if (await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token) == 0)
                    {
                        return;
                    }
                }

                if (_banner.Length > 0)
                {
                    await client.SendAsync(_banner, SocketFlags.None, _stop.Token);
                }

                // Hold the connection as a real service would, until the client leaves.
                await client.ReceiveAsync(new byte[64], SocketFlags.None, _stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(3), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or TimeoutException)
            {
                // The prober hung up or the test ended.
            }
        }
    }
}
