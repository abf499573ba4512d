using System.Net.Sockets;
using System.Text;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>
/// Connects to an MX host's SMTP port through the guarded connector, reads the greeting, sends EHLO, and if STARTTLS is
/// offered, upgrades and handshakes with the scanner's TLS handshaker. Anything that stops the dialogue before we know
/// (refused or filtered port 25 — many networks block it —, a 4xx/5xx or missing greeting, a 454 to STARTTLS, a failed
/// handshake, which may be our TLS stack refusing an old protocol) is "not tested", never a pass or a fail.
/// </summary>
public static class SmtpStartTlsProbe
{
    /// <summary>The name we introduce ourselves with; receivers rarely check it, and it is ours to answer for.</summary>
    public const string EhloName = "scanner.compliancelayer.example";

    private const int MaxLineLength = 2048;
    private const int MaxReplyLines = 64;

    public static async Task<SmtpProbeResult> ProbeAsync(ScanNetwork network, string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        var port = network.Options.SmtpPort;
        var key = $"{host.ToLowerInvariant()}|{port}|{string.Join(',', network.Options.DnsServers)}";
        if (SmtpProbeCache.TryGet(key, network.Time, out var cached))
        {
            return cached;
        }

        var result = await ProbeUncachedAsync(network, host, port, cancellationToken).ConfigureAwait(false);
        SmtpProbeCache.Set(key, result, network.Time);
        return result;
    }

    private static async Task<SmtpProbeResult> ProbeUncachedAsync(ScanNetwork network, string host, int port, CancellationToken cancellationToken)
    {
        var timeout = network.Options.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Socket socket;
        string address;
        try
        {
            var target = await network.Connector.ResolveAndCheckAsync(host, deadline.Token).ConfigureAwait(false);
            (socket, var connected) = await network.Connector.ConnectAsync(target, port, network.Options.ConnectTimeout, deadline.Token).ConfigureAwait(false);
            address = connected.ToString();
        }
        catch (ScanTargetRefusedException ex)
        {
            return SmtpProbeResult.NotTested(host, port, $"not probed: {ex.Message}");
        }
        catch (ScanHostUnresolvedException ex)
        {
            return SmtpProbeResult.NotTested(host, port, $"not probed: {ex.Resolution?.Problem ?? ex.Message}");
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SmtpProbeResult.NotTested(host, port,
                $"no SMTP connection to port {port} ({ex.Message}); outbound port 25 is often blocked, so this is not a finding");
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await DialogueAsync(network, stream, host, port, address, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var why = ex is OperationCanceledException ? $"no complete answer within {timeout.TotalSeconds:0.#} s (greeting delay or tarpit)" : ex.Message;
                return SmtpProbeResult.NotTested(host, port, $"the SMTP dialogue did not complete: {why}", address);
            }
        }
    }

    private static async Task<SmtpProbeResult> DialogueAsync(ScanNetwork network, NetworkStream stream, string host, int port, string address, CancellationToken token)
    {
        var greeting = await ReadReplyAsync(stream, token).ConfigureAwait(false);
        if (greeting.Code != 220)
        {
            return SmtpProbeResult.NotTested(host, port, $"the server did not greet with 220 (\"{greeting.Text}\"): busy, rate-limiting or refusing us", address, greeting.Text);
        }

        await WriteAsync(stream, $"EHLO {EhloName}", token).ConfigureAwait(false);
        var ehlo = await ReadReplyAsync(stream, token).ConfigureAwait(false);
        if (ehlo.Code != 250)
        {
            return SmtpProbeResult.NotTested(host, port, $"EHLO was answered \"{ehlo.Text}\"", address, greeting.Text);
        }

        var offered = ehlo.Lines.Skip(1).Any(l => l.Length > 4 && l[4..].Trim().Split(' ')[0].Equals("STARTTLS", StringComparison.OrdinalIgnoreCase));
        if (!offered)
        {
            await QuitAsync(stream, token).ConfigureAwait(false);
            return new SmtpProbeResult(host, port, true, null, address, greeting.Text, false, ehlo.Text, null);
        }

        await WriteAsync(stream, "STARTTLS", token).ConfigureAwait(false);
        var ready = await ReadReplyAsync(stream, token).ConfigureAwait(false);
        if (ready.Code != 220)
        {
            return SmtpProbeResult.NotTested(host, port, $"STARTTLS is offered but was answered \"{ready.Text}\"", address, greeting.Text) with
            {
                StartTlsOffered = true,
                EhloReply = ehlo.Text,
            };
        }

        var handshake = await network.Tls.HandshakeOverStreamAsync(stream, new TlsHandshakeRequest(host, port), token).ConfigureAwait(false);
        if (!handshake.Succeeded)
        {
            return SmtpProbeResult.NotTested(host, port,
                $"STARTTLS is offered but the TLS handshake failed ({handshake.Error}); the server may only speak protocols this scanner's TLS stack refuses",
                address, greeting.Text) with { StartTlsOffered = true, EhloReply = ehlo.Text };
        }

        var leaf = handshake.Certificate;
        var tls = new SmtpTlsInfo(
            handshake.Protocol?.ToString(),
            handshake.CipherSuite?.ToString(),
            leaf?.Subject,
            leaf?.Issuer,
            leaf?.NotAfter,
            leaf?.DnsNames ?? [],
            handshake.IsChainTrusted,
            handshake.HostnameMatches,
            handshake.ChainStatus.Count == 0 ? null : string.Join("; ", handshake.ChainStatus.Select(s => $"{s.Status}: {s.Information}")));
        return new SmtpProbeResult(host, port, true, null, address, greeting.Text, true, ehlo.Text, tls);
    }

    private static async Task QuitAsync(NetworkStream stream, CancellationToken token)
    {
        try
        {
            await WriteAsync(stream, "QUIT", token).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The verdict is known; a server that hangs up first changes nothing.
        }
    }

    private static Task WriteAsync(NetworkStream stream, string command, CancellationToken token)
        => stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), token).AsTask();

    /// <summary>Reads one (possibly multi-line) reply byte by byte, so nothing of a following TLS handshake is consumed.</summary>
    internal static async Task<SmtpReply> ReadReplyAsync(Stream stream, CancellationToken token)
    {
        var lines = new List<string>();
        while (lines.Count < MaxReplyLines)
        {
            var line = await ReadLineAsync(stream, token).ConfigureAwait(false);
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                break;
            }
        }

        var code = lines[0].Length >= 3 && int.TryParse(lines[0].AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : 0;
        return new SmtpReply(code, lines);
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken token)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        while (bytes.Count < MaxLineLength)
        {
            var read = await stream.ReadAsync(buffer, token).ConfigureAwait(false);
            if (read == 0)
            {
                if (bytes.Count == 0)
                {
                    throw new IOException("the server closed the connection");
                }

                break;
            }

            if (buffer[0] == '\n')
            {
                break;
            }

            bytes.Add(buffer[0]);
        }

        return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
    }
}

internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public string Text => string.Join(" | ", Lines);
}
