using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.Ssl.Probing;

/// <summary>
/// <c>openssl s_server</c> as a child process on 127.0.0.1 with an RSA-2048 certificate made here: the local OpenSSL
/// serves TLS 1.0/1.1 and RSA-kx/CBC suites when told <c>@SECLEVEL=0</c>. Killed by its process id in Dispose.
/// </summary>
internal sealed class OpenSslServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory = Directory.CreateTempSubdirectory("cl-ssl-").FullName;

    public OpenSslServer(params string[] arguments)
        : this(null, arguments)
    {
    }

    /// <param name="certificate">An RSA certificate with its private key; a self-signed RSA-2048 one when null.</param>
    public OpenSslServer(X509Certificate2? certificate, params string[] arguments)
    {
        using var key = certificate?.GetRSAPrivateKey() ?? RSA.Create(2048);
        using var generated = certificate is null
            ? new CertificateRequest("CN=shop.example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30))
            : null;
        var certPath = Path.Combine(_directory, "cert.pem");
        var keyPath = Path.Combine(_directory, "key.pem");
        File.WriteAllText(certPath, (certificate ?? generated)!.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        Port = Loopback.ClosedPort();
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in (string[])["s_server", "-accept", $"127.0.0.1:{Port}", "-cert", certPath, "-key", keyPath, "-www", "-quiet", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Errors.Add(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    public System.Collections.Concurrent.ConcurrentBag<string> Errors { get; } = [];

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"openssl s_server exited: {string.Join(" | ", Errors)}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException("openssl s_server did not listen within 10 s");
    }
}
