using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning.Net;

public sealed record TlsHandshakeRequest(string Host, int Port = 443)
{
    /// <summary>Connect to this address (it is still checked by the guard) instead of resolving <see cref="Host"/>.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>Protocols to offer; <see cref="SslProtocols.None"/> lets the system choose.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.None;

    /// <summary>ALPN protocols to offer (e.g. h2, http/1.1); none by default.</summary>
    public IReadOnlyList<SslApplicationProtocol> ApplicationProtocols { get; init; } = [];

    /// <summary>Overrides <see cref="ScanningOptions.RequestTimeout"/> for connect plus handshake.</summary>
    public TimeSpan? Timeout { get; init; }
}

public enum TlsHandshakeOutcome
{
    Succeeded,

    /// <summary>The TCP connection failed (refused, unreachable): typically "no HTTPS".</summary>
    ConnectionFailed,

    Timeout,

    /// <summary>Connected, but the TLS handshake failed (no common protocol or cipher, reset…).</summary>
    HandshakeFailed,
}

public sealed record ChainStatusEntry(X509ChainStatusFlags Status, string Information);

/// <summary>One element of the chain built to a trust anchor (leaf first).</summary>
public sealed record ChainElement(CertificateDetails Certificate, IReadOnlyList<ChainStatusEntry> Status);

/// <summary>What one handshake showed. Certificate problems are recorded, never fatal.</summary>
public sealed record TlsHandshakeResult
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public IPAddress? Address { get; init; }

    public required TlsHandshakeOutcome Outcome { get; init; }

    public string? Error { get; init; }

    public SslProtocols? Protocol { get; init; }

    public TlsCipherSuite? CipherSuite { get; init; }

    public string? ApplicationProtocol { get; init; }

    /// <summary>The server's certificate.</summary>
    public CertificateDetails? Certificate { get; init; }

    /// <summary>Certificates as the server sent them (leaf first, then what it added).</summary>
    public IReadOnlyList<CertificateDetails> PresentedCertificates { get; init; } = [];

    /// <summary>The chain built from the leaf towards a root (system roots plus extra trusted roots).</summary>
    public IReadOnlyList<ChainElement> Chain { get; init; } = [];

    /// <summary>Overall chain status (empty when the chain is valid and trusted).</summary>
    public IReadOnlyList<ChainStatusEntry> ChainStatus { get; init; } = [];

    /// <summary>Errors as the TLS stack saw them, with the same trust store.</summary>
    public SslPolicyErrors PolicyErrors { get; init; }

    /// <summary>The chain reaches a trusted root with no error (time validity included).</summary>
    public bool IsChainTrusted { get; init; }

    /// <summary>The chain ends at a root of <see cref="ScanningOptions.ExtraTrustedRootsPath"/>.</summary>
    public bool IsTrustedByExtraRoot { get; init; }

    /// <summary>Our own subjectAltName check of <see cref="Host"/> (see <see cref="HostnameMatcher"/>).</summary>
    public bool HostnameMatches { get; init; }

    public bool Succeeded => Outcome == TlsHandshakeOutcome.Succeeded;
}

/// <summary>
/// Opens a guarded connection and performs an SslStream handshake with SNI, capturing the
/// certificate, the chain and every error without failing. Trust: the system roots plus the PEM
/// roots of <see cref="ScanningOptions.ExtraTrustedRootsPath"/>; no revocation or AIA fetching,
/// so an incomplete chain shows as incomplete (as it would to many clients) and nothing leaves
/// for a third-party host.
/// </summary>
public sealed class TlsHandshaker
{
    private readonly GuardedConnector _connector;
    private readonly ScanningOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly X509Certificate2Collection _extraRoots;
    private readonly X509Certificate2Collection? _customTrust;
    private readonly HashSet<string> _extraRootThumbprints;

    public TlsHandshaker(GuardedConnector connector, IOptions<ScanningOptions> options, TimeProvider? timeProvider = null, ILogger<TlsHandshaker>? logger = null)
    {
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _extraRoots = ExtraTrustedRoots.Load(_options.ExtraTrustedRootsPath);
        _extraRootThumbprints = [.. _extraRoots.Select(c => c.Thumbprint)];
        if (_extraRoots.Count > 0)
        {
            // CustomRootTrust replaces the system store, so the system roots are copied in alongside the lab roots.
            _customTrust = [.. LoadSystemRoots(), .. _extraRoots];
        }
    }

    public Task<TlsHandshakeResult> HandshakeAsync(string host, int port, CancellationToken cancellationToken)
        => HandshakeAsync(new TlsHandshakeRequest(host, port), cancellationToken);

    /// <summary>Connects (guarded) and handshakes. Network and TLS failures come back as an outcome.</summary>
    /// <exception cref="ScanTargetRefusedException">The guard refused the host's address.</exception>
    public async Task<TlsHandshakeResult> HandshakeAsync(TlsHandshakeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timeout = request.Timeout ?? _options.RequestTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        IPAddress? address = request.Address;
        Socket socket;
        try
        {
            if (request.Address is not null)
            {
                socket = await _connector.ConnectAsync(request.Address, request.Port, _options.ConnectTimeout, timeoutSource.Token).ConfigureAwait(false);
            }
            else
            {
                var target = await _connector.ResolveAndCheckAsync(request.Host, timeoutSource.Token).ConfigureAwait(false);
                (socket, address) = await _connector.ConnectAsync(target, request.Port, _options.ConnectTimeout, timeoutSource.Token).ConfigureAwait(false);
            }
        }
        catch (SocketException ex)
        {
            return Failed(request, address, TlsHandshakeOutcome.ConnectionFailed, ex.Message);
        }
        catch (TimeoutException ex)
        {
            return Failed(request, address, TlsHandshakeOutcome.Timeout, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(request, address, TlsHandshakeOutcome.Timeout, $"no connection within {timeout.TotalSeconds:0.###} s");
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            var (ssl, result) = await AuthenticateAsync(stream, request, leaveInnerStreamOpen: true, timeoutSource.Token, cancellationToken).ConfigureAwait(false);
            await ssl.DisposeAsync().ConfigureAwait(false);
            return result with { Address = address };
        }
    }

    /// <summary>
    /// Handshakes over a stream the caller already connected through <see cref="GuardedConnector"/>
    /// (e.g. after SMTP STARTTLS). The stream is left open.
    /// </summary>
    public Task<TlsHandshakeResult> HandshakeOverStreamAsync(Stream stream, TlsHandshakeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(request);
        return HandshakeWithTimeoutAsync(stream, request, cancellationToken);
    }

    private async Task<TlsHandshakeResult> HandshakeWithTimeoutAsync(Stream stream, TlsHandshakeRequest request, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(request.Timeout ?? _options.RequestTimeout);
        var (ssl, result) = await AuthenticateAsync(stream, request, leaveInnerStreamOpen: true, timeoutSource.Token, cancellationToken).ConfigureAwait(false);
        await ssl.DisposeAsync().ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Handshakes and hands back the authenticated stream (for <see cref="GuardedHttpClient"/>), which
    /// the caller disposes; when the handshake failed, the stream is unusable and only the result counts.
    /// </summary>
    internal async Task<(SslStream Stream, TlsHandshakeResult Result)> AuthenticateAsync(
        Stream stream, TlsHandshakeRequest request, bool leaveInnerStreamOpen, CancellationToken token, CancellationToken callerToken)
    {
        var capture = new Capture();
        var isIpLiteral = IPAddress.TryParse(request.Host.Trim('[', ']'), out _);
        var options = new SslClientAuthenticationOptions
        {
            // SNI: .NET sends TargetHost as server_name, except for IP literals.
            TargetHost = request.Host,
            EnabledSslProtocols = request.Protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = CreateChainPolicy(),
            ApplicationProtocols = request.ApplicationProtocols.Count > 0 ? [.. request.ApplicationProtocols] : null,
            // Record, never reject: the checks judge the certificate, the handshake must go on.
#pragma warning disable CA5359
            RemoteCertificateValidationCallback = capture.Record,
#pragma warning restore CA5359
        };

        var ssl = new SslStream(stream, leaveInnerStreamOpen);
        string? error = null;
        var outcome = TlsHandshakeOutcome.Succeeded;
        try
        {
            await ssl.AuthenticateAsClientAsync(options, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            outcome = TlsHandshakeOutcome.Timeout;
            error = "the TLS handshake did not complete in time";
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            outcome = TlsHandshakeOutcome.HandshakeFailed;
            error = ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})";
            _logger.LogDebug(ex, "TLS handshake with {Host}:{Port} failed", request.Host, request.Port);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var leaf = capture.Leaf;
        var extraTrusted = capture.Chain.Count > 0 && _extraRootThumbprints.Contains(capture.Chain[^1].Certificate.Certificate.Thumbprint);
        return (ssl, new TlsHandshakeResult
        {
            Host = request.Host,
            Port = request.Port,
            Outcome = outcome,
            Error = error,
            Protocol = outcome == TlsHandshakeOutcome.Succeeded ? ssl.SslProtocol : null,
            CipherSuite = outcome == TlsHandshakeOutcome.Succeeded ? ssl.NegotiatedCipherSuite : null,
            ApplicationProtocol = outcome == TlsHandshakeOutcome.Succeeded && ssl.NegotiatedApplicationProtocol.Protocol.Length > 0
                ? ssl.NegotiatedApplicationProtocol.ToString()
                : null,
            Certificate = leaf,
            PresentedCertificates = capture.Presented,
            Chain = capture.Chain,
            ChainStatus = capture.ChainStatus,
            PolicyErrors = capture.PolicyErrors,
            IsChainTrusted = capture.ChainBuilt && capture.ChainStatus.Count == 0,
            IsTrustedByExtraRoot = extraTrusted && capture.ChainStatus.Count == 0,
            HostnameMatches = leaf is not null && HostnameMatcher.Matches(leaf.Certificate, isIpLiteral ? request.Host.Trim('[', ']') : request.Host),
        });
    }

    private X509ChainPolicy CreateChainPolicy()
    {
        // A fresh policy per handshake: the TLS stack adds the server's intermediates to its ExtraStore.
        var policy = new X509ChainPolicy
        {
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
            VerificationTime = _timeProvider.GetUtcNow().UtcDateTime,
        };
        if (_customTrust is not null)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(_customTrust);
        }

        return policy;
    }

    private static X509Certificate2Collection LoadSystemRoots()
    {
        var roots = new X509Certificate2Collection();
        foreach (var location in new[] { StoreLocation.LocalMachine, StoreLocation.CurrentUser })
        {
            try
            {
                using var store = new X509Store(StoreName.Root, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                roots.AddRange(store.Certificates);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // No such store on this platform: the other location (or the lab roots alone) will do.
            }
        }

        return roots;
    }

    private static TlsHandshakeResult Failed(TlsHandshakeRequest request, IPAddress? address, TlsHandshakeOutcome outcome, string error)
        => new() { Host = request.Host, Port = request.Port, Address = address, Outcome = outcome, Error = error };

    private sealed class Capture
    {
        public CertificateDetails? Leaf { get; private set; }

        public IReadOnlyList<CertificateDetails> Presented { get; private set; } = [];

        public IReadOnlyList<ChainElement> Chain { get; private set; } = [];

        public IReadOnlyList<ChainStatusEntry> ChainStatus { get; private set; } = [];

        public SslPolicyErrors PolicyErrors { get; private set; }

        public bool ChainBuilt { get; private set; }

        public bool Record(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            PolicyErrors = errors;
            if (certificate is null)
            {
                return true;
            }

            // Copies: the TLS stack disposes its chain (and may reuse the certificate objects) after this call.
            var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            Leaf = CertificateDetails.From(leaf);
            if (chain is null)
            {
                Presented = [Leaf];
                return true;
            }

            var presented = new List<CertificateDetails> { Leaf };
            foreach (var extra in chain.ChainPolicy.ExtraStore)
            {
                if (!presented.Any(p => p.Certificate.Thumbprint == extra.Thumbprint))
                {
                    presented.Add(CertificateDetails.From(X509CertificateLoader.LoadCertificate(extra.RawData)));
                }
            }

            Presented = presented;
            Chain = [.. chain.ChainElements.Select(e => new ChainElement(
                CertificateDetails.From(X509CertificateLoader.LoadCertificate(e.Certificate.RawData)),
                [.. e.ChainElementStatus.Select(s => new ChainStatusEntry(s.Status, s.StatusInformation.Trim()))]))];
            ChainStatus = [.. chain.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError).Select(s => new ChainStatusEntry(s.Status, s.StatusInformation.Trim()))];
            ChainBuilt = chain.ChainElements.Count > 0;
            return true;
        }
    }
}
