using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning.Net;

public enum PortState
{
    Open,

    /// <summary>Actively refused (RST).</summary>
    Closed,

    /// <summary>No answer within the timeout, or unreachable: something drops the packets.</summary>
    Filtered,
}

public sealed record PortProbeRequest(IPAddress Address, int Port)
{
    /// <summary>Overrides <see cref="ScanningOptions.PortProbeTimeout"/>.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>Wait for a banner after connecting (SSH, SMTP, FTP… speak first).</summary>
    public bool ReadBanner { get; init; } = true;

    /// <summary>Overrides <see cref="ScanningOptions.BannerTimeout"/>.</summary>
    public TimeSpan? BannerTimeout { get; init; }

    public int MaxBannerBytes { get; init; } = 1024;

    /// <summary>Bytes sent before reading, for services that wait for the client (e.g. "HEAD / HTTP/1.0\r\n\r\n").</summary>
    public ReadOnlyMemory<byte> Probe { get; init; }
}

public sealed record PortProbeResult(IPAddress Address, int Port, PortState State, string? Banner, TimeSpan Elapsed, string? Error)
{
    public bool IsOpen => State == PortState.Open;
}

/// <summary>TCP connect scan of one (checked) address and port, with an optional banner grab.</summary>
public sealed class TcpPortProber
{
    private readonly GuardedConnector _connector;
    private readonly ScanningOptions _options;
    private readonly TimeProvider _timeProvider;

    public TcpPortProber(GuardedConnector connector, IOptions<ScanningOptions> options, TimeProvider? timeProvider = null)
    {
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public Task<PortProbeResult> ProbeAsync(IPAddress address, int port, CancellationToken cancellationToken)
        => ProbeAsync(new PortProbeRequest(address, port), cancellationToken);

    /// <exception cref="ScanTargetRefusedException">The guard refused the address; nothing was sent.</exception>
    public async Task<PortProbeResult> ProbeAsync(PortProbeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _timeProvider.GetTimestamp();
        Socket socket;
        try
        {
            socket = await _connector.ConnectAsync(request.Address, request.Port, request.ConnectTimeout ?? _options.PortProbeTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            return Result(PortState.Filtered, null, ex.Message);
        }
        catch (SocketException ex)
        {
            var state = ex.SocketErrorCode == SocketError.ConnectionRefused ? PortState.Closed : PortState.Filtered;
            return Result(state, null, ex.SocketErrorCode == SocketError.ConnectionRefused ? null : ex.Message);
        }

        using (socket)
        {
            var banner = request.ReadBanner || !request.Probe.IsEmpty
                ? await ReadBannerAsync(socket, request, cancellationToken).ConfigureAwait(false)
                : null;
            return Result(PortState.Open, banner, null);
        }

        PortProbeResult Result(PortState state, string? banner, string? error)
            => new(request.Address, request.Port, state, banner, _timeProvider.GetElapsedTime(started), error);
    }

    private async Task<string?> ReadBannerAsync(Socket socket, PortProbeRequest request, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(request.BannerTimeout ?? _options.BannerTimeout);
        var buffer = new byte[Math.Clamp(request.MaxBannerBytes, 1, 64 * 1024)];
        var length = 0;
        try
        {
            if (!request.Probe.IsEmpty)
            {
                await socket.SendAsync(request.Probe, SocketFlags.None, timeoutSource.Token).ConfigureAwait(false);
            }

            // Read until the peer stops talking, closes, the buffer is full, or the banner time is up;
            // a first line is usually enough, so stop at a line end once something arrived.
            while (length < buffer.Length)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeoutSource.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (buffer.AsSpan(0, length).IndexOf((byte)'\n') >= 0)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Silent service: the banner is what arrived so far.
        }
        catch (SocketException)
        {
            // Reset after connect: still open, just no banner.
        }

        return length == 0 ? null : ToPrintable(buffer.AsSpan(0, length));
    }

    private static string ToPrintable(ReadOnlySpan<byte> bytes)
    {
        // Banners end up in reports: keep text and line breaks, escape other control and binary bytes.
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is (byte)'\r' or (byte)'\n' or (byte)'\t' or >= 0x20 and < 0x7f)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return builder.ToString().TrimEnd();
    }
}
