using System.Text;
using Org.BouncyCastle.Tls;

namespace ComplianceLayer.Scanning.Modules.Ssl.Probing;

/// <summary>
/// One handshake with BouncyCastle's TLS client, offering exactly one version and the given suites. It is independent of
/// the machine's OpenSSL policy, so TLS 1.0/1.1 and legacy suites are offered as a 2010 client would.
/// </summary>
public static class BouncyCastleProbe
{
    public static ProbeResult Run(Stream stream, TlsVersion version, IReadOnlyList<ushort> suites, string? serverName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var recording = new RecordingStream(stream);
        var client = new ProbeClient(CipherSuiteCatalog.BouncyCastleVersion(version), [.. suites.Select(s => (int)s)], serverName);
        var protocol = new TlsClientProtocol(recording);
        try
        {
            protocol.Connect(client);
            var suite = (ushort)client.Context!.SecurityParameters.CipherSuite;
            TryClose(protocol);
            return ProbeResult.Accepted(suite);
        }
        catch (Exception ex) when (ex is TlsException or IOException or EndOfStreamException)
        {
            // Judge by what the server sent, not by why our client gave up: a ServerHello with our version is acceptance
            // even when the client later fails (e.g. on a certificate it cannot parse).
            return ServerResponseParser.Verdict(recording.Received, version, recording.EndOfStream, Describe(ex));
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        TlsFatalAlertReceived received => $"the server sent a {AlertDescription.GetText(received.AlertDescription)} alert",
        TlsFatalAlert local => $"our client aborted: {AlertDescription.GetText(local.AlertDescription)} ({local.Message})",
        IOException io => ProbeFailures.Describe(io),
        _ => ex.Message,
    };

    private static void TryClose(TlsClientProtocol protocol)
    {
        try
        {
            protocol.Close();
        }
        catch (IOException)
        {
            // The handshake is what counted; a server that drops the connection first changes nothing.
        }
    }

    private sealed class ProbeClient(ProtocolVersion version, int[] suites, string? serverName) : DefaultTlsClient(CipherSuiteCatalog.Crypto)
    {
        public TlsClientContext? Context { get; private set; }

        public override void Init(TlsClientContext context)
        {
            base.Init(context);
            Context = context;
        }

        // Record, never verify: the certificate checks use the system handshake; here only version and suite count.
        public override bool ShouldCheckSigAlgOfPeerCerts() => false;

        public override TlsAuthentication GetAuthentication() => new AcceptAnyCertificate();

        protected override ProtocolVersion[] GetSupportedVersions() => [version];

        protected override int[] GetSupportedCipherSuites() => suites;

        protected override IList<ServerName>? GetSniServerNames() =>
            string.IsNullOrEmpty(serverName) || System.Net.IPAddress.TryParse(serverName, out _)
                ? null
                : [new ServerName(NameType.host_name, Encoding.ASCII.GetBytes(serverName))];
    }

    private sealed class AcceptAnyCertificate : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
        }

        public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest) => null;
    }
}
