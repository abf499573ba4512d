using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Scanning.Modules.Ssl.Probing;

namespace ComplianceLayer.Scanning.Modules.Ssl.Checks;

/// <summary>
/// Weak suites per the NCSC 2025 guidelines. Each accepted weak suite is reported under one code only, the worst that
/// applies (NULL, EXPORT, anon, DES, RC4, 3DES), so that one suite never costs several penalties.
/// </summary>
public static class CipherSuiteCheck
{
    private const string Remediation = "Offer only ECDHE suites with AES-GCM or CHACHA20-POLY1305 on TLS 1.2, plus TLS 1.3 (e.g. Mozilla's 'intermediate' configuration).";

    private static readonly (string Code, Severity Severity, string What, Func<CipherSuiteInfo, bool> Matches, string Why)[] Categories =
    [
        (SslCodes.CipherNull, Severity.Critical, "NULL (unencrypted)", s => s.IsNull, "Traffic is sent without encryption."),
        (SslCodes.CipherExport, Severity.Critical, "EXPORT-grade", s => s.IsExport, "40/56-bit export ciphers are broken in minutes (FREAK, Logjam)."),
        (SslCodes.CipherAnon, Severity.Critical, "anonymous (unauthenticated)", s => s.IsAnonymous, "Anonymous key exchange lets anyone in the path impersonate the server."),
        (SslCodes.CipherDes, Severity.Critical, "single-DES", s => s.IsDes, "56-bit DES is brute-forced in hours."),
        (SslCodes.CipherRc4, Severity.High, "RC4", s => s.IsRc4, "RC4 biases allow plaintext recovery; RFC 7465 prohibits it."),
        (SslCodes.Cipher3Des, Severity.High, "3DES", s => s.IsTripleDes, "A 64-bit block cipher: SWEET32 recovers data from long connections."),
    ];

    public static IEnumerable<Issue> Run(ProtocolScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var accepted = scan.Versions.Where(v => v.IsAccepted)
            .SelectMany(v => v.Suites.Select(id => (Version: v.Version, Suite: CipherSuiteCatalog.Get(id))))
            .ToList();
        var reported = new HashSet<ushort>();
        foreach (var category in Categories)
        {
            var hits = accepted.Where(a => !reported.Contains(a.Suite.Id) && category.Matches(a.Suite)).ToList();
            if (hits.Count == 0)
            {
                continue;
            }

            reported.UnionWith(hits.Select(h => h.Suite.Id));
            yield return SslIssue.Create(category.Code, category.Severity, $"{category.What} cipher suites are accepted", Remediation, Evidence(hits), category.Why);
        }

        foreach (var issue in StructuralIssues(scan, accepted))
        {
            yield return issue;
        }

        var insufficient = accepted.Where(a => !reported.Contains(a.Suite.Id) && a.Suite.Rating == SuiteRating.Insufficient).ToList();
        if (insufficient.Count > 0)
        {
            yield return SslIssue.Create(SslCodes.CipherNcscInsufficient, Severity.Low,
                "Cipher suites rated 'insufficient' by the NCSC TLS guidelines are accepted", Remediation, Evidence(insufficient),
                "NCSC-NL 2025 (followed by internet.nl) rates RSA key transport, CBC with SHA-1 and CCM_8 suites insufficient.");
        }
    }

    private static IEnumerable<Issue> StructuralIssues(ProtocolScan scan, List<(TlsVersion Version, CipherSuiteInfo Suite)> accepted)
    {
        var tls12 = scan.Find(TlsVersion.Tls12);
        if (tls12 is { IsAccepted: true, SuitesComplete: true, Suites.Count: > 0 } && !tls12.Suites.Any(id => CipherSuiteCatalog.Get(id).IsAead))
        {
            yield return SslIssue.Create(SslCodes.CipherCbcOnly, Severity.Medium,
                "No AEAD cipher suite (GCM, CHACHA20-POLY1305) on TLS 1.2", Remediation,
                Evidence([.. accepted.Where(a => a.Version == TlsVersion.Tls12)]),
                "Only CBC suites are left, with their history of padding-oracle attacks (Lucky13, POODLE-TLS).");
        }

        // Forward secrecy is judged only when every version is known: an untested TLS 1.3 may well provide it.
        var allKnown = scan.Versions.All(v => v.Verdict == ProbeVerdict.NotAccepted || v is { IsAccepted: true, SuitesComplete: true });
        if (allKnown && accepted.Count > 0 && !accepted.Any(a => a.Suite.HasForwardSecrecy))
        {
            yield return SslIssue.Create(SslCodes.CipherNoForwardSecrecy, Severity.Medium,
                "No forward secrecy: only RSA key exchange is accepted", Remediation, Evidence(accepted),
                "A stolen server key decrypts every recorded past session.");
        }
    }

    private static string Evidence(IEnumerable<(TlsVersion Version, CipherSuiteInfo Suite)> hits) =>
        string.Join("; ", hits.GroupBy(h => h.Version).Select(g => $"{g.Key.Label()}: {string.Join(", ", g.Select(h => h.Suite.Name))}"));
}
