using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning.Net;

/// <summary>Addresses of a host that the guard allowed, in the order to try them.</summary>
public sealed record CheckedTarget(string Host, IReadOnlyList<IPAddress> Addresses, AddressResolution Resolution);

/// <summary>
/// Resolves with the scanner's resolver, checks every address with the <see cref="TargetGuard"/>
/// and opens sockets to the checked addresses only. All outgoing TCP of the scanner goes through here,
/// so that nothing re-resolves a name between the check and the connect (DNS rebinding).
/// </summary>
public sealed class GuardedConnector
{
    private readonly ScannerDnsResolver _resolver;
    private readonly TargetGuard _guard;
    private readonly ILogger _logger;

    public GuardedConnector(ScannerDnsResolver resolver, TargetGuard guard, ILogger<GuardedConnector>? logger = null)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _guard = guard ?? throw new ArgumentNullException(nameof(guard));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public TargetGuard Guard => _guard;

    /// <summary>
    /// Resolves <paramref name="host"/> (or takes an IP literal) and checks every address.
    /// A host with any refused address is refused as a whole: a name that mixes a public and a
    /// private address is either misconfigured or an attempt to reach the private one.
    /// </summary>
    /// <exception cref="ScanTargetRefusedException">An address is refused.</exception>
    /// <exception cref="ScanHostUnresolvedException">The name has no address (NXDOMAIN, no records, DNS failure).</exception>
    public async Task<CheckedTarget> ResolveAndCheckAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var resolution = await _resolver.ResolveAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (resolution.Addresses.Count == 0)
        {
            throw new ScanHostUnresolvedException(resolution);
        }

        foreach (var address in resolution.Addresses)
        {
            var decision = _guard.Check(address);
            if (!decision.IsAllowed)
            {
                _logger.LogInformation("Refused {Host} ({Address}): {Reason}", host, address, decision.Reason);
                throw new ScanTargetRefusedException(host, address, decision.Reason!);
            }
        }

        // IPv4 first: scanners often run where IPv6 egress is missing, which would only cost timeouts.
        var ordered = resolution.Addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).ToList();
        return new CheckedTarget(host, ordered, resolution);
    }

    /// <summary>Connects to one address after checking it. The socket is the caller's to dispose.</summary>
    /// <exception cref="ScanTargetRefusedException">The guard refused the address; no packet was sent.</exception>
    /// <exception cref="TimeoutException">No connection within <paramref name="timeout"/>.</exception>
    /// <exception cref="SocketException">Refused, unreachable…</exception>
    public async Task<Socket> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _guard.EnsureAllowed(address);

        var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            _logger.LogDebug("Connecting to {Address}:{Port}", target, port);
            await socket.ConnectAsync(new IPEndPoint(target, port), timeoutSource.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No TCP connection to {FormatEndPoint(target, port)} within {timeout.TotalSeconds:0.###} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects to the first reachable checked address of <paramref name="target"/>.</summary>
    public async Task<(Socket Socket, IPAddress Address)> ConnectAsync(CheckedTarget target, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        Exception? last = null;
        foreach (var address in target.Addresses)
        {
            try
            {
                return (await ConnectAsync(address, port, timeout, cancellationToken).ConfigureAwait(false), address);
            }
            catch (Exception ex) when (ex is SocketException or TimeoutException)
            {
                last = ex;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Resolves, checks and connects in one step.</summary>
    public async Task<(Socket Socket, IPAddress Address)> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = await ResolveAndCheckAsync(host, cancellationToken).ConfigureAwait(false);
        return await ConnectAsync(target, port, timeout, cancellationToken).ConfigureAwait(false);
    }

    internal static string FormatEndPoint(IPAddress address, int port)
        => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
