using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Scanning;

/// <summary>Settings of the scanner's network layer (section <c>Scanning</c>).</summary>
public sealed class ScanningOptions
{
    public const string SectionName = "Scanning";

    /// <summary>DNS servers as "ip", "ip:port" or "[ipv6]:port"; empty means the system's resolvers.</summary>
    public List<string> DnsServers { get; set; } = [];

    /// <summary>
    /// Lets the scanner contact loopback, private, link-local and other non-public addresses.
    /// Only for tests and local labs: on a shared scanner it opens the internal network to every tenant.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>PEM file of extra root certificates trusted in addition to the system roots (labs).</summary>
    public string? ExtraTrustedRootsPath { get; set; }

    /// <summary>TCP connect timeout for HTTP and TLS connections.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whole-request timeout: every redirect hop plus reading the body, or one TLS handshake.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of one DNS query attempt (the resolver retries once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Connect timeout of a port probe: short, since a silent port is "filtered", not an error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan PortProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a port probe waits for a banner after connecting.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan BannerTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest response body kept; the rest is dropped and the response flagged as truncated.</summary>
    /// <summary>How long one module may run before it is reported as an error; the scan goes on without it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ModuleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Port of the HTTPS site. 443 in production; labs and tests may move it.</summary>
    [Range(1, 65535)]
    public int HttpsPort { get; set; } = 443;

    /// <summary>Port of the plain HTTP site. 80 in production; labs and tests may move it.</summary>
    [Range(1, 65535)]
    public int HttpPort { get; set; } = 80;

    /// <summary>SMTP port of MX hosts for the STARTTLS probe. 25 in production; only labs and tests move it.</summary>
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    [Range(1024, 100 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 2 * 1024 * 1024;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// TCP ports the ports module scans. Empty means <see cref="DefaultPorts"/>: the configuration binder appends to a
    /// pre-filled list instead of replacing it, so the default lives apart and a configured list replaces it whole.
    /// </summary>
    public List<int> Ports { get; set; } = [];

    /// <summary>How many port probes of one scan may be in flight at once.</summary>
    [Range(1, 256)]
    public int PortScanConcurrency { get; set; } = 32;

    /// <summary>The most ports <see cref="Ports"/> may list.</summary>
    public const int MaxPorts = 1000;

    /// <summary>
    /// Remote administration, file sharing, databases, container and cache services that should not face the internet,
    /// plus the web ports for the record.
    /// </summary>
    public static IReadOnlyList<int> DefaultPorts { get; } =
    [
        21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 1433, 1521, 2375, 2376, 3306, 3389, 5432, 5900, 5985, 5986,
        6379, 8080, 8443, 9200, 11211, 27017,
    ];

    /// <summary>The ports a scan probes: <see cref="Ports"/>, or <see cref="DefaultPorts"/> when none are configured.</summary>
    public IReadOnlyList<int> EffectivePorts => Ports.Count == 0 ? DefaultPorts : Ports;

    [Required(AllowEmptyStrings = false)]
    [MaxLength(300)]
    public string UserAgent { get; set; } = "ComplianceLayer-Scanner/1.0 (+https://compliancelayer.example/scanner)";

    /// <summary>Parses a <see cref="DnsServers"/> entry; the port defaults to 53.</summary>
    public static bool TryParseDnsServer(string? value, out IPEndPoint endPoint)
    {
        endPoint = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (text.StartsWith('['))
        {
            if (!IPEndPoint.TryParse(text, out var bracketed) || bracketed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            endPoint = bracketed.Port == 0 ? new IPEndPoint(bracketed.Address, 53) : bracketed;
            return true;
        }

        if (IPAddress.TryParse(text, out var bare) && (bare.AddressFamily == AddressFamily.InterNetworkV6 || !text.Contains(':', StringComparison.Ordinal)))
        {
            endPoint = new IPEndPoint(bare, 53);
            return true;
        }

        if (IPEndPoint.TryParse(text, out var withPort) && withPort.AddressFamily == AddressFamily.InterNetwork && withPort.Port > 0)
        {
            endPoint = withPort;
            return true;
        }

        return false;
    }
}

/// <summary>Semantic checks that data annotations cannot express.</summary>
public sealed class ScanningOptionsValidator : IValidateOptions<ScanningOptions>
{
    public ValidateOptionsResult Validate(string? name, ScanningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        foreach (var server in options.DnsServers)
        {
            if (!ScanningOptions.TryParseDnsServer(server, out _))
            {
                failures.Add($"Scanning:DnsServers entry '{server}' is not an IP address or \"ip:port\" (e.g. \"9.9.9.9\", \"127.0.0.1:5353\", \"[2620:fe::fe]:53\").");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.ExtraTrustedRootsPath))
        {
            if (!File.Exists(options.ExtraTrustedRootsPath))
            {
                failures.Add($"Scanning:ExtraTrustedRootsPath '{options.ExtraTrustedRootsPath}' does not exist.");
            }
            else
            {
                try
                {
                    var roots = ExtraTrustedRoots.Load(options.ExtraTrustedRootsPath);
                    if (roots.Count == 0)
                    {
                        failures.Add($"Scanning:ExtraTrustedRootsPath '{options.ExtraTrustedRootsPath}' holds no PEM certificate.");
                    }
                }
                catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
                {
                    failures.Add($"Scanning:ExtraTrustedRootsPath '{options.ExtraTrustedRootsPath}' cannot be read as PEM certificates: {ex.Message}");
                }
            }
        }

        if (options.ConnectTimeout > options.RequestTimeout)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Scanning:ConnectTimeout ({options.ConnectTimeout}) must not exceed Scanning:RequestTimeout ({options.RequestTimeout})."));
        }

        var badPorts = options.Ports.Where(p => p is < 1 or > 65535).Distinct().ToList();
        if (badPorts.Count > 0)
        {
            failures.Add($"Scanning:Ports entries must be between 1 and 65535; not: {string.Join(", ", badPorts)}.");
        }

        var duplicates = options.Ports.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            failures.Add($"Scanning:Ports lists these ports more than once: {string.Join(", ", duplicates)}.");
        }

        if (options.Ports.Count > ScanningOptions.MaxPorts)
        {
            failures.Add($"Scanning:Ports holds {options.Ports.Count} entries; at most {ScanningOptions.MaxPorts} are allowed.");
        }

        if (options.UserAgent.Any(char.IsControl))
        {
            failures.Add("Scanning:UserAgent must not contain control characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Reads the lab root certificates of <see cref="ScanningOptions.ExtraTrustedRootsPath"/>.</summary>
public static class ExtraTrustedRoots
{
    public static X509Certificate2Collection Load(string? path)
    {
        var collection = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(path))
        {
            collection.ImportFromPemFile(path);
        }

        return collection;
    }
}
