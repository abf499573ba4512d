using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Scanning;
using ComplianceLayer.Scanning.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Tests.Scanning.Net;

/// <summary>The whole network layer wired by hand, as AddScanning wires it.</summary>
internal sealed class NetStack : IDisposable
{
    private NetStack(ScanningOptions options, TargetGuard guard)
    {
        var wrapped = Options.Create(options);
        Resolver = new ScannerDnsResolver(wrapped);
        Guard = guard;
        Connector = new GuardedConnector(Resolver, guard, ConnectorLog);
        Tls = new TlsHandshaker(Connector, wrapped);
        Http = new GuardedHttpClient(Connector, Tls, wrapped);
        Prober = new TcpPortProber(Connector, wrapped);
    }

    public ListLogger<GuardedConnector> ConnectorLog { get; } = new();

    public ScannerDnsResolver Resolver { get; }

    public TargetGuard Guard { get; }

    public GuardedConnector Connector { get; }

    public GuardedHttpClient Http { get; }

    public TlsHandshaker Tls { get; }

    public TcpPortProber Prober { get; }

    /// <summary>Addresses the connector tried to open a socket to.</summary>
    public IEnumerable<string> ConnectAttempts => ConnectorLog.Messages.Where(m => m.StartsWith("Connecting to ", StringComparison.Ordinal));

    public static NetStack Create(LoopbackDnsServer? dns, bool allowPrivateNetworks, Action<ScanningOptions>? configure = null, TargetGuard? guard = null)
    {
        var options = new ScanningOptions
        {
            // Never the system resolvers in tests: an unused loopback port when no server is needed.
            DnsServers = [dns?.ServerSetting ?? "127.0.0.1:9"],
            AllowPrivateNetworks = allowPrivateNetworks,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
            DnsTimeout = TimeSpan.FromSeconds(1),
            PortProbeTimeout = TimeSpan.FromSeconds(1),
            BannerTimeout = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        return new NetStack(options, guard ?? new TargetGuard(options.AllowPrivateNetworks));
    }

    public void Dispose() => Http.Dispose();
}

internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Messages.Enqueue(formatter(state, exception));
}

/// <summary>Certificates made in the test: a CA and leaves signed by it, or self-signed ones.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyCa = new(CreateCa);

    public static X509Certificate2 Ca => LazyCa.Value;

    /// <summary>Writes the CA as PEM to a temp file (ExtraTrustedRootsPath); the caller deletes it.</summary>
    public static string WriteCaPem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cl-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, Ca.ExportCertificatePem());
        return path;
    }

    public static X509Certificate2 Leaf(string[] dnsNames, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool selfSigned = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        if (selfSigned)
        {
            return request.CreateSelfSigned(from, to);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var issued = request.Create(Ca, from, to, serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 CreateCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ComplianceLayer Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-400), DateTimeOffset.UtcNow.AddDays(365));
    }
}

internal static class Loopback
{
    /// <summary>A loopback port with nothing listening (bound, then released).</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
