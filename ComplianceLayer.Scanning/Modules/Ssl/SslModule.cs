using System.Globalization;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.Ssl.Checks;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;
using ComplianceLayer.Scanning.Net;

namespace ComplianceLayer.Scanning.Modules.Ssl;

/// <summary>
/// The HTTPS site's certificate (from the shared SslStream handshake), protocol versions and cipher suites (probed one
/// version at a time with BouncyCastle and raw ClientHellos, independent of the local OpenSSL policy) and the HTTP→HTTPS redirect.
/// </summary>
public sealed class SslModule : IScanModule
{
    /// <summary>Share of the module timeout that protocol probing may use; the rest is for the shared handshake and the checks.</summary>
    private const double ProbingShare = 0.75;

    public string Key => ModuleKeys.Ssl;

    public async Task<ModuleOutcome> RunAsync(ScanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Addresses.Count == 0)
        {
            return ModuleOutcome.NotTested(Key, $"{context.Domain.Ascii} has no A/AAAA record: there is no web site to test.");
        }

        var started = context.Network.Time.GetTimestamp();
        var httpTask = context.HttpHomePageAsync();
        TlsHandshakeResult handshake;
        try
        {
            handshake = await context.HttpsHandshakeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ScanTargetRefusedException or ScanHostUnresolvedException)
        {
            return ModuleOutcome.NotTested(Key, ex.Message);
        }

        var options = context.Network.Options;
        ProtocolScan? scan = null;
        if (handshake.Outcome is TlsHandshakeOutcome.Succeeded or TlsHandshakeOutcome.HandshakeFailed)
        {
            var budget = options.ModuleTimeout * ProbingShare - context.Network.Time.GetElapsedTime(started);
            var scanner = new TlsProtocolScanner(context.Network.Connector, options.ConnectTimeout);
            scan = await scanner.ScanAsync(handshake.Address ?? context.Addresses[0], options.HttpsPort, context.Domain.Ascii,
                budget > TimeSpan.FromSeconds(1) ? budget : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        var http = await HttpFactsAsync(context, await httpTask.WaitAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var facts = new SslFacts(context.Domain.Ascii, context.Network.Time.GetUtcNow())
        {
            Certificate = handshake.Succeeded && handshake.Certificate is not null ? CertificateFacts.From(handshake) : null,
            CertificateNotTestedReason = handshake.Succeeded && handshake.Certificate is not null ? null
                : $"the system TLS client could not complete a handshake: {handshake.Error}",
            Protocols = scan,
            Http = http,
        };
        var details = SslDetails.Build(facts, handshake);
        return NoHttpsCheck.Decide(handshake, scan) switch
        {
            HttpsPresence.Absent => ModuleOutcome.Completed(Key, [NoHttpsCheck.Issue(handshake, scan)], details),
            HttpsPresence.Unknown => ModuleOutcome.NotTested(Key, string.Create(CultureInfo.InvariantCulture,
                $"HTTPS on {handshake.Host}:{handshake.Port} could not be tested: {handshake.Error ?? "every protocol probe was inconclusive"}"), details),
            _ => ModuleOutcome.Completed(Key, Evaluate(facts), details),
        };
    }

    /// <summary>All checks over the facts of a site that has HTTPS.</summary>
    public static IReadOnlyList<Issue> Evaluate(SslFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var issues = new List<Issue>();
        if (facts.Certificate is { } certificate)
        {
            issues.AddRange(CertificateValidityCheck.Run(certificate, facts.Now));
            issues.AddRange(CertificateTrustCheck.Run(certificate));
            issues.AddRange(CertificateStrengthCheck.Run(certificate));
        }

        if (facts.Protocols is { } scan)
        {
            issues.AddRange(ProtocolCheck.Run(scan));
            issues.AddRange(CipherSuiteCheck.Run(scan));
        }

        issues.AddRange(HttpRedirectCheck.Run(facts.Http));
        return issues;
    }

    /// <summary>
    /// The shared fetch follows redirects; when a later hop fails (e.g. the HTTPS site is broken), the first response alone
    /// still shows whether HTTP sends visitors to HTTPS, so it is asked for once more without following.
    /// </summary>
    private static async Task<HttpRedirectFacts> HttpFactsAsync(ScanContext context, HomePageFetch fetch, CancellationToken cancellationToken)
    {
        if (fetch.Succeeded)
        {
            return ToFacts(fetch);
        }

        try
        {
            var first = await context.Network.Http.SendAsync(new GuardedHttpRequest(fetch.Url) { FollowRedirects = false, ReadBody = false }, cancellationToken).ConfigureAwait(false);
            return ToFacts(new HomePageFetch(fetch.Url, first, null));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or ScanTargetRefusedException or ScanHostUnresolvedException or IOException)
        {
            return ToFacts(fetch);
        }
    }

    internal static HttpRedirectFacts ToFacts(HomePageFetch fetch)
    {
        if (fetch.Response is not { } response)
        {
            return new HttpRedirectFacts(fetch.Url.ToString(), null, null, [], fetch.Error);
        }

        var chain = response.Redirects.Select(h => $"{h.Url} ({h.StatusCode})").ToList();
        chain.Add($"{response.Url} ({response.StatusCode})");
        // A redirect the client did not follow (other host refused, limit reached) still says where the site sends visitors.
        var final = response.StatusCode is >= 300 and < 400 && response.Location is { } location ? location : response.Url;
        if (final != response.Url)
        {
            chain.Add($"{final} (not followed{(response.RedirectNotFollowedReason is { } why ? ": " + why : "")})");
        }

        return new HttpRedirectFacts(fetch.Url.ToString(), final.ToString(), response.StatusCode, chain, null);
    }
}
