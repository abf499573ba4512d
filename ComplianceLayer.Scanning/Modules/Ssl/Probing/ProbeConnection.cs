using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// Runs one blocking handshake probe over a fresh guarded connection, at most <c>parallelism</c> at a time, each within
/// <c>timeout</c>; a probe cut off by the timeout or the budget is "not tested", never "not accepted".
/// </summary>
internal sealed class ProbeConnection(GuardedConnector connector, IPAddress address, int port, TimeSpan timeout, int parallelism) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(parallelism, parallelism);

    public async Task<ProbeResult> RunAsync(Func<Stream, ProbeResult> probe, CancellationToken budget)
    {
        try
        {
            await _gate.WaitAsync(budget).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ProbeResult.NotTested("the probing time budget ran out");
        }

        try
        {
            return await ConnectAndRunAsync(probe, budget).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ProbeResult> ConnectAndRunAsync(Func<Stream, ProbeResult> probe, CancellationToken budget)
    {
        Socket socket;
        try
        {
            socket = await connector.ConnectAsync(address, port, timeout, budget).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            return ProbeResult.NotTested(ex.Message);
        }
        catch (SocketException ex)
        {
            return ProbeResult.NotTested($"connection failed: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            return ProbeResult.NotTested("the probing time budget ran out");
        }

        using (socket)
        {
            var milliseconds = (int)timeout.TotalMilliseconds;
            socket.ReceiveTimeout = milliseconds;
            socket.SendTimeout = milliseconds;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(budget);
            deadline.CancelAfter(timeout);
            // Blocking reads end when the socket is closed under them: that is how the deadline and the budget stop a probe.
            using var registration = deadline.Token.Register(() => socket.Close());
            using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                return await Task.Run(() => probe(stream), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
            {
                return ProbeResult.NotTested(deadline.IsCancellationRequested
                    ? budget.IsCancellationRequested ? "the probing time budget ran out" : string.Create(CultureInfo.InvariantCulture, $"no complete answer within {timeout.TotalSeconds:0.###} s")
                    : ex is IOException io ? ProbeFailures.Describe(io) : ex.Message);
            }
        }
    }

    public void Dispose() => _gate.Dispose();
}
