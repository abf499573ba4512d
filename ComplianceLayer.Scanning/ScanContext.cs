using System.Collections.Concurrent;
using System.Net;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Scanning.Net;
using DnsClient;

namespace ComplianceLayer.Scanning;

/// <summary>
/// What all modules of one scan share. Expensive probes (DNS answers, the HTTPS handshake, the home pages) run at
/// most once, lazily, on the scan's own cancellation token, so that one module's timeout does not cancel a probe
/// another module is waiting for.
/// </summary>
public sealed class ScanContext
{
    private readonly ConcurrentDictionary<(string Name, QueryType Type, bool DnsSec), Lazy<Task<DnsAnswer>>> _dns = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _shared = new(StringComparer.Ordinal);
    private readonly Lazy<Task<TlsHandshakeResult>> _httpsHandshake;
    private readonly Lazy<Task<HomePageFetch>> _httpsHome;
    private readonly Lazy<Task<HomePageFetch>> _httpHome;

    public ScanContext(DomainName domain, IReadOnlyList<IPAddress> addresses, ScanNetwork network, CancellationToken scanCancellation)
    {
        Domain = domain;
        Addresses = addresses;
        Network = network;
        ScanCancellation = scanCancellation;
        _httpsHandshake = new(() => network.Tls.HandshakeAsync(domain.Ascii, network.Options.HttpsPort, scanCancellation));
        _httpsHome = new(() => FetchAsync(new Uri($"https://{domain.Ascii}:{network.Options.HttpsPort}/")));
        _httpHome = new(() => FetchAsync(new Uri($"http://{domain.Ascii}:{network.Options.HttpPort}/")));
    }

    public DomainName Domain { get; }

    /// <summary>The domain's A/AAAA addresses, all checked by the target guard (may be empty for a mail-only domain).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    public ScanNetwork Network { get; }

    public CancellationToken ScanCancellation { get; }

    /// <summary>A DNS query, answered once per scan for the same name, type and DO bit.</summary>
    public Task<DnsAnswer> QueryAsync(string name, QueryType type, bool requestDnsSec = false) =>
        _dns.GetOrAdd((name.ToLowerInvariant(), type, requestDnsSec),
            key => new Lazy<Task<DnsAnswer>>(() => Network.Dns.QueryAsync(key.Name, key.Type, key.DnsSec, ScanCancellation))).Value;

    /// <summary>The TLS handshake with the HTTPS site, done once.</summary>
    public Task<TlsHandshakeResult> HttpsHandshakeAsync() => _httpsHandshake.Value;

    /// <summary>GET https://domain/ following redirects, done once.</summary>
    public Task<HomePageFetch> HttpsHomePageAsync() => _httpsHome.Value;

    /// <summary>GET http://domain/ following redirects, done once (for the HTTP→HTTPS redirect check).</summary>
    public Task<HomePageFetch> HttpHomePageAsync() => _httpHome.Value;

    /// <summary>Any other probe that several modules share, computed once under <paramref name="key"/>.</summary>
    public async Task<T> SharedAsync<T>(string key, Func<CancellationToken, Task<T>> probe) =>
        (T)(await _shared.GetOrAdd(key, _ => new Lazy<Task<object?>>(async () => await probe(ScanCancellation))).Value)!;

    private async Task<HomePageFetch> FetchAsync(Uri url)
    {
        try
        {
            var response = await Network.Http.GetAsync(url, ScanCancellation);
            return new HomePageFetch(url, response, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or ScanTargetRefusedException or ScanHostUnresolvedException or IOException)
        {
            return new HomePageFetch(url, null, ex.Message);
        }
    }
}
