using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning.Net;

/// <summary>
/// HTTP for scan modules. Every hop is resolved with the scanner's resolver, checked by the guard
/// and connected to the checked address (SocketsHttpHandler.ConnectCallback), so the handler never
/// resolves a name itself. No proxy, no cookie container, no automatic redirects or decompression;
/// a fresh connection per request, so that a pooled connection never outlives its check.
/// TLS is done here, not by the handler, through <see cref="TlsHandshaker"/> (SNI = host, a fresh
/// chain policy per connection, no AIA downloads or revocation fetches, which would otherwise be
/// unguarded requests to URLs chosen by the server's certificate). Certificate problems are recorded
/// in <see cref="GuardedHttpResponse.Tls"/>, never fatal: a site with a bad certificate still has
/// headers worth reading. The handler itself only ever sees http:// with the Host header of the real URL.
/// </summary>
public sealed class GuardedHttpClient : IDisposable
{
    private static readonly HttpRequestOptionsKey<PinnedTarget> PinnedTargetKey = new("ComplianceLayer.Scanning.PinnedTarget");

    private readonly GuardedConnector _connector;
    private readonly TlsHandshaker _tls;
    private readonly ScanningOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _client;

    public GuardedHttpClient(GuardedConnector connector, TlsHandshaker tls, IOptions<ScanningOptions> options, ILogger<GuardedHttpClient>? logger = null)
    {
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _tls = tls ?? throw new ArgumentNullException(nameof(tls));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.Zero,
            MaxResponseDrainSize = 0,
            MaxResponseHeadersLength = 128,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Task<GuardedHttpResponse> GetAsync(Uri url, CancellationToken cancellationToken)
        => SendAsync(new GuardedHttpRequest(url), cancellationToken);

    /// <summary>Sends the request, following redirects by hand.</summary>
    /// <exception cref="ScanTargetRefusedException">The host, or a redirect hop, resolves to a refused address (nothing was sent to it).</exception>
    /// <exception cref="TimeoutException">The whole exchange took longer than the request timeout.</exception>
    /// <exception cref="HttpRequestException">Connection refused, TLS failure, malformed response…</exception>
    public async Task<GuardedHttpResponse> SendAsync(GuardedHttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureHttpUrl(request.Url);
        var timeout = request.Timeout ?? _options.RequestTimeout;
        var maxRedirects = request.FollowRedirects ? request.MaxRedirects ?? _options.MaxRedirects : 0;
        var maxBody = request.MaxBodyBytes ?? _options.MaxBodyBytes;

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        var hops = new List<HttpHop>();
        var url = request.Url;
        var method = request.Method;
        var downgraded = false;
        try
        {
            while (true)
            {
                var host = url.IdnHost.Trim('[', ']');
                var target = await _connector.ResolveAndCheckAsync(host, token).ConfigureAwait(false);
                var pinned = new PinnedTarget(host, target, url.Scheme == Uri.UriSchemeHttps) { RequireTrustedCertificate = request.RequireTrustedCertificate };
                using var message = CreateMessage(request, method, url, pinned);
                using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var headers = HttpHeaderList.From(response);
                var location = IsRedirect(status) ? ResolveLocation(url, headers.GetFirst("Location")) : null;

                string? notFollowed = null;
                var limitReached = false;
                if (location is not null && request.FollowRedirects)
                {
                    if (location.Scheme != Uri.UriSchemeHttp && location.Scheme != Uri.UriSchemeHttps)
                    {
                        notFollowed = $"redirect to unsupported scheme '{location.Scheme}'";
                    }
                    else if (hops.Count >= maxRedirects)
                    {
                        notFollowed = $"more than {maxRedirects} redirects";
                        limitReached = true;
                    }
                    else
                    {
                        hops.Add(new HttpHop(url, pinned.ConnectedAddress, status, response.ReasonPhrase, headers, location, pinned.Tls));
                        downgraded |= url.Scheme == Uri.UriSchemeHttps && location.Scheme == Uri.UriSchemeHttp;
                        method = MethodAfterRedirect(method, status);
                        _logger.LogDebug("{Status} {Url} -> {Location}", status, url, location);
                        url = location;
                        continue;
                    }
                }

                var (body, truncated) = request.ReadBody && method != HttpMethod.Head
                    ? await ReadBodyAsync(response, maxBody, token).ConfigureAwait(false)
                    : (Array.Empty<byte>(), false);
                return new GuardedHttpResponse
                {
                    RequestedUrl = request.Url,
                    Url = url,
                    RemoteAddress = pinned.ConnectedAddress,
                    Tls = pinned.Tls,
                    StatusCode = status,
                    ReasonPhrase = response.ReasonPhrase,
                    Version = response.Version,
                    Headers = headers,
                    Body = body,
                    BodyTruncated = truncated,
                    BodyText = GuardedHttpResponse.Decode(body, response.Content.Headers.ContentType?.CharSet),
                    Redirects = hops,
                    RedirectLimitReached = limitReached,
                    RedirectNotFollowedReason = notFollowed,
                    DowngradedToHttp = downgraded,
                    Location = location,
                };
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {url} did not complete within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is ScanTargetRefusedException refused)
        {
            ExceptionDispatchInfo.Throw(refused);
            throw;
        }
        catch (HttpRequestException ex) when (ex.InnerException is TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {url}: {ex.InnerException.Message}", ex);
        }
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage CreateMessage(GuardedHttpRequest request, HttpMethod method, Uri url, PinnedTarget pinned)
    {
        // https goes to the handler as http to the same port; ConnectAsync supplies the TLS stream.
        var handlerUrl = pinned.UseTls ? new UriBuilder(url) { Scheme = Uri.UriSchemeHttp, Port = url.Port }.Uri : url;
        var message = new HttpRequestMessage(method, handlerUrl)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.ConnectionClose = true;
        message.Headers.Host = url.IsDefaultPort ? url.IdnHost : $"{url.IdnHost}:{url.Port}";
        if (!request.Headers.Any(h => string.Equals(h.Key, "User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                throw new ArgumentException($"Header '{name}' cannot be sent on a request without a body.", nameof(request));
            }
        }

        if (request.Content is { } content)
        {
            message.Content = new ReadOnlyMemoryContent(content);
            message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.ContentType);
        }

        message.Options.Set(PinnedTargetKey, pinned);
        return message;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // Fail closed: a connection is only ever made to an address that SendAsync checked for this host.
        if (!context.InitialRequestMessage.Options.TryGetValue(PinnedTargetKey, out var pinned)
            || !string.Equals(pinned.Host, context.DnsEndPoint.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
        {
            throw new ScanTargetRefusedException(context.DnsEndPoint.Host, null, "no checked address for this host (refusing to resolve it again)");
        }

        var (socket, address) = await _connector.ConnectAsync(pinned.Target, context.DnsEndPoint.Port, _options.ConnectTimeout, cancellationToken)
            .ConfigureAwait(false);
        pinned.ConnectedAddress = address;
        var stream = new NetworkStream(socket, ownsSocket: true);
        if (!pinned.UseTls)
        {
            return stream;
        }

        try
        {
            var request = new TlsHandshakeRequest(pinned.Host, context.DnsEndPoint.Port) { ApplicationProtocols = [SslApplicationProtocol.Http11] };
            var (ssl, result) = await _tls.AuthenticateAsync(stream, request, leaveInnerStreamOpen: false, cancellationToken, cancellationToken)
                .ConfigureAwait(false);
            pinned.Tls = result with { Address = address };
            if (!result.Succeeded)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw new HttpRequestException($"TLS handshake with {pinned.Host}:{context.DnsEndPoint.Port} failed: {result.Error}");
            }

            if (pinned.RequireTrustedCertificate && result.PolicyErrors != SslPolicyErrors.None)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw new HttpRequestException($"The certificate of {pinned.Host}:{context.DnsEndPoint.Port} is not trusted ({result.PolicyErrors}); nothing was sent.");
            }

            return ssl;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<(byte[] Body, bool Truncated)> ReadBodyAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (buffer.Length <= maxBytes)
            {
                // Ask for one byte beyond the cap, to know whether there was more.
                var wanted = (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, read);
            }

            var truncated = buffer.Length > maxBytes;
            if (truncated)
            {
                buffer.SetLength(maxBytes);
            }

            return (buffer.ToArray(), truncated);
        }
    }

    private static void EnsureHttpUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an absolute http or https URL.", nameof(url));
        }
    }

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    private static Uri? ResolveLocation(Uri current, string? location)
        => !string.IsNullOrWhiteSpace(location) && Uri.TryCreate(current, location.Trim(), out var next) ? next : null;

    private static HttpMethod MethodAfterRedirect(HttpMethod method, int status)
    {
        // As browsers do: 303 always becomes GET (HEAD stays HEAD); 301/302 turn POST into GET.
        if (status == 303 && method != HttpMethod.Head)
        {
            return HttpMethod.Get;
        }

        return status is 301 or 302 && method == HttpMethod.Post ? HttpMethod.Get : method;
    }

    private sealed class PinnedTarget(string host, CheckedTarget target, bool useTls)
    {
        public bool UseTls { get; } = useTls;

        public TlsHandshakeResult? Tls { get; set; }

        public bool RequireTrustedCertificate { get; init; }

        public string Host { get; } = host;

        public CheckedTarget Target { get; } = target;

        public IPAddress? ConnectedAddress { get; set; }
    }
}
