using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning.Net;

/// <summary>How a DNS query ended. NXDOMAIN, an empty answer and a failed lookup mean different things to checks.</summary>
public enum DnsLookupStatus
{
    /// <summary>NOERROR; <see cref="DnsAnswer.Records"/> may still be empty (NODATA: the name exists, the type does not).</summary>
    NoError,

    /// <summary>NXDOMAIN: the name does not exist.</summary>
    NxDomain,

    /// <summary>SERVFAIL: the server could not answer (for a validating resolver, also a DNSSEC failure).</summary>
    ServerFailure,

    /// <summary>REFUSED by the server.</summary>
    Refused,

    /// <summary>No answer within the timeout, after the retry.</summary>
    Timeout,

    /// <summary>Any other failure (FORMERR, NOTIMP, a network error…); see <see cref="DnsAnswer.Error"/>.</summary>
    Error,
}

/// <summary>The outcome of one DNS query, whatever it was.</summary>
public sealed record DnsAnswer(
    string Name,
    QueryType Type,
    DnsLookupStatus Status,
    IReadOnlyList<DnsResourceRecord> Records,
    IReadOnlyList<DnsResourceRecord> Authorities,
    bool IsAuthenticData,
    bool IsTruncated,
    string? Error,
    string? NameServer)
{
    /// <summary>The query was answered (NOERROR or NXDOMAIN): what it says can be trusted as the zone's content.</summary>
    public bool IsDefinitive => Status is DnsLookupStatus.NoError or DnsLookupStatus.NxDomain;

    /// <summary>NOERROR with no record of the asked type (the name exists).</summary>
    public bool IsEmpty => Status == DnsLookupStatus.NoError && !Records.Any(MatchesQueryType);

    /// <summary>Records of the asked type only (an answer may also hold CNAMEs and RRSIGs).</summary>
    public IEnumerable<T> RecordsOf<T>()
        where T : DnsResourceRecord => Records.OfType<T>();

    private bool MatchesQueryType(DnsResourceRecord record) => (int)record.RecordType == (int)Type;
}

/// <summary>A/AAAA resolution of a host name.</summary>
public sealed record AddressResolution(string Host, IReadOnlyList<IPAddress> Addresses, DnsAnswer? IPv4, DnsAnswer? IPv6)
{
    /// <summary>The host was an IP literal: nothing was asked of DNS.</summary>
    public bool IsLiteral => IPv4 is null && IPv6 is null;

    /// <summary>Both lookups answered NXDOMAIN.</summary>
    public bool IsNxDomain => IPv4?.Status == DnsLookupStatus.NxDomain && IPv6?.Status is DnsLookupStatus.NxDomain or null;

    /// <summary>A human-readable reason when <see cref="Addresses"/> is empty.</summary>
    public string? Problem => Addresses.Count > 0 ? null
        : IsNxDomain ? $"{Host} does not exist (NXDOMAIN)"
        : IPv4?.Status is DnsLookupStatus.NoError && IPv6?.Status is DnsLookupStatus.NoError ? $"{Host} has no A or AAAA record"
        : $"{Host} could not be resolved (A: {Describe(IPv4)}, AAAA: {Describe(IPv6)})";

    private static string Describe(DnsAnswer? answer) => answer is null ? "not asked" : answer.Error ?? answer.Status.ToString();
}

/// <summary>
/// The scanner's own resolver (DnsClient), pointed at <see cref="ScanningOptions.DnsServers"/> or the
/// system's resolvers. No cache: a scan must see the zone as it is now.
/// </summary>
public sealed class ScannerDnsResolver
{
    private readonly LookupClient _client;
    private readonly LookupClient _dnsSecClient;
    private readonly ILogger _logger;

    public ScannerDnsResolver(IOptions<ScanningOptions> options, ILogger<ScannerDnsResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var servers = settings.DnsServers
            .Select(s => ScanningOptions.TryParseDnsServer(s, out var endPoint) ? endPoint : throw new OptionsValidationException(
                ScanningOptions.SectionName, typeof(ScanningOptions), [$"Scanning:DnsServers entry '{s}' is invalid."]))
            .ToArray();
        NameServers = servers;
        _client = new LookupClient(CreateOptions(servers, settings.DnsTimeout, dnsSec: false));
        _dnsSecClient = new LookupClient(CreateOptions(servers, settings.DnsTimeout, dnsSec: true));
    }

    /// <summary>The configured servers; empty when the system's resolvers are used.</summary>
    public IReadOnlyList<IPEndPoint> NameServers { get; }

    /// <summary>Queries <paramref name="name"/> for <paramref name="type"/>. Never throws for DNS failures: see <see cref="DnsAnswer.Status"/>.</summary>
    /// <param name="requestDnsSec">Sets the DO bit (EDNS0) so that RRSIGs come back and a validating resolver sets AD.</param>
    public async Task<DnsAnswer> QueryAsync(string name, QueryType type, bool requestDnsSec, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var client = requestDnsSec ? _dnsSecClient : _client;
        try
        {
            var response = await client.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            var status = response.Header.ResponseCode switch
            {
                DnsHeaderResponseCode.NoError => DnsLookupStatus.NoError,
                DnsHeaderResponseCode.NotExistentDomain => DnsLookupStatus.NxDomain,
                DnsHeaderResponseCode.ServerFailure => DnsLookupStatus.ServerFailure,
                DnsHeaderResponseCode.Refused => DnsLookupStatus.Refused,
                _ => DnsLookupStatus.Error,
            };
            return new DnsAnswer(
                name,
                type,
                status,
                [.. response.Answers],
                [.. response.Authorities],
                response.Header.IsAuthenticData,
                response.Header.ResultTruncated,
                status is DnsLookupStatus.NoError or DnsLookupStatus.NxDomain ? null : $"{response.Header.ResponseCode} from {response.NameServer}",
                response.NameServer?.ToString());
        }
        catch (DnsResponseException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var status = ex.Code switch
            {
                DnsResponseCode.ConnectionTimeout => DnsLookupStatus.Timeout,
                DnsResponseCode.NotExistentDomain => DnsLookupStatus.NxDomain,
                DnsResponseCode.ServerFailure => DnsLookupStatus.ServerFailure,
                DnsResponseCode.Refused => DnsLookupStatus.Refused,
                _ => DnsLookupStatus.Error,
            };
            _logger.LogDebug("DNS {Type} {Name}: {Status} ({Message})", type, name, status, ex.Message);
            return Failed(name, type, status, status == DnsLookupStatus.Timeout ? $"no answer to {type} {name} within the timeout" : ex.DnsError);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            var status = ex is TimeoutException or OperationCanceledException ? DnsLookupStatus.Timeout : DnsLookupStatus.Error;
            _logger.LogDebug(ex, "DNS {Type} {Name} failed", type, name);
            return Failed(name, type, status, ex.Message);
        }
    }

    public Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
        => QueryAsync(name, type, requestDnsSec: false, cancellationToken);

    /// <summary>A and AAAA of <paramref name="host"/>, queried in parallel; an IP literal is returned as is.</summary>
    public async Task<AddressResolution> ResolveAddressesAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var literal = host.Trim('[', ']');
        if (IPAddress.TryParse(literal, out var address))
        {
            return new AddressResolution(host, [address], null, null);
        }

        var v4 = QueryAsync(host, QueryType.A, cancellationToken);
        var v6 = QueryAsync(host, QueryType.AAAA, cancellationToken);
        var (a, aaaa) = (await v4.ConfigureAwait(false), await v6.ConfigureAwait(false));
        IReadOnlyList<IPAddress> addresses =
        [
            .. a.RecordsOf<ARecord>().Select(r => r.Address),
            .. aaaa.RecordsOf<AaaaRecord>().Select(r => r.Address),
        ];
        return new AddressResolution(host, [.. addresses.Distinct()], a, aaaa);
    }

    private static DnsAnswer Failed(string name, QueryType type, DnsLookupStatus status, string? error)
        => new(name, type, status, [], [], false, false, error, null);

    private static LookupClientOptions CreateOptions(IPEndPoint[] servers, TimeSpan timeout, bool dnsSec)
    {
        var options = servers.Length > 0
            ? new LookupClientOptions([.. servers.Select(s => new NameServer(s))])
            : new LookupClientOptions();
        options.UseCache = false;
        options.Timeout = timeout;
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = true;
        options.ContinueOnEmptyResponse = false;
        options.UseTcpFallback = true;
        options.RequestDnsSecRecords = dnsSec;
        return options;
    }
}
