using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using ComplianceLayer.Domain.Findings;

namespace ComplianceLayer.Domain.Scoring;

/// <summary>
/// The scoring rules as data, in one place for a security engineer to read. <see cref="ScoreCard"/> is the one function
/// that applies them. Any change to a number here changes scores: bump <see cref="Version"/> with it.
/// </summary>
/// <remarks>
/// Module score = max(0, 100 − Σ penalty of each distinct issue), then lowered to the smallest cap among its issues.
/// With 40/20/10/5/0 the penalties imply ceilings of their own: one critical issue leaves at most 60 (C), one high at most
/// 80 (B), one medium 90 (still A), one low 95; two criticals reach F (20). Caps cover what must not be averaged away:
/// a certificate browsers reject makes the ssl module an F however good the protocols are.
/// </remarks>
public static class ScoringPolicy
{
    /// <summary>Version of the scoring algorithm and tables, stored with every result (<c>algorithm_version</c>).</summary>
    public const int Version = 1;

    public const int MaxScore = 100;

    /// <summary>Penalties stop here: a module never scores below 0.</summary>
    public const int ModuleFloor = 0;

    /// <summary>At most this many recommendations in a report (the most severe first).</summary>
    public const int MaxRecommendations = 10;

    /// <summary>
    /// Keys, names and weights exactly as the seed API doc's tables. Its headings say tier 1 = 85 % and tier 2 = 15 %, but
    /// its tier-2 rows (8 + 5 + 4 + 3) add up to 20, so the weights total 105. The per-module numbers are what the report
    /// shows (<c>"weight": 0.25</c>), so they are kept as published; the overall score divides by the sum of the weights
    /// that completed, so the total never has to be 100 (ssl's effective share of a full scan is 25/105 ≈ 23.8 %).
    /// </summary>
    public static IReadOnlyList<ModuleDefinition> Modules { get; } =
    [
        new(ModuleKeys.Ssl, "SSL/TLS", 25, ModuleTier.Material),
        new(ModuleKeys.Headers, "HTTP Headers", 25, ModuleTier.Material),
        new(ModuleKeys.DnsEmail, "DNS/Email", 20, ModuleTier.Material),
        new(ModuleKeys.Ports, "Open Ports", 15, ModuleTier.Material),
        new(ModuleKeys.Cookies, "Cookie Security", 8, ModuleTier.Secondary),
        new(ModuleKeys.Dnssec, "DNSSEC", 5, ModuleTier.Secondary),
        new(ModuleKeys.Waf, "WAF Detection", 4, ModuleTier.Secondary),
        new(ModuleKeys.JsAudit, "JavaScript Audit", 3, ModuleTier.Secondary),
        new(ModuleKeys.Subdomains, "Subdomains", 0, ModuleTier.Informational),
        new(ModuleKeys.Blacklists, "Blacklists", 0, ModuleTier.Informational),
        new(ModuleKeys.Reputation, "Reputation", 0, ModuleTier.Informational),
        new(ModuleKeys.Breaches, "Breach History", 0, ModuleTier.Informational),
        new(ModuleKeys.Whois, "WHOIS", 0, ModuleTier.Informational),
        new(ModuleKeys.Trackers, "Trackers", 0, ModuleTier.Informational),
        new(ModuleKeys.TechStack, "Tech Stack", 0, ModuleTier.Informational),
    ];

    /// <summary>Sum of all module weights in percent (105 with the seed's table).</summary>
    public static int TotalWeightPercent { get; } = Modules.Sum(m => m.WeightPercent);

    /// <summary>Points taken off a module's 100 per distinct issue (by fingerprint). Info never costs anything.</summary>
    public static IReadOnlyDictionary<Severity, int> Penalties { get; } = new Dictionary<Severity, int>
    {
        [Severity.Critical] = 40,
        [Severity.High] = 20,
        [Severity.Medium] = 10,
        [Severity.Low] = 5,
        [Severity.Info] = 0,
    }.ToFrozenDictionary();

    /// <summary>
    /// Grade caps after SSL Labs' rating guide (2009q/r): F for certificates browsers reject and for broken protocols or
    /// ciphers; C for RC4 and 64-bit block ciphers (SWEET32) next to TLS 1.1+; B for TLS 1.0/1.1, weak keys, missing
    /// forward secrecy and incomplete chains; 0 when there is no HTTPS at all. SSL Labs' T and M (trust, mismatch) map to F.
    /// </summary>
    public static IReadOnlyList<GradeCap> GradeCaps { get; } =
    [
        new("ssl.no_https", ModuleKeys.Ssl, 0, "No HTTPS: nothing protects traffic in transit."),
        GradeCap.AtGrade("ssl.cert.expired", ModuleKeys.Ssl, Grade.F, "Expired certificate: browsers refuse the connection."),
        GradeCap.AtGrade("ssl.cert.not_yet_valid", ModuleKeys.Ssl, Grade.F, "Certificate not yet valid: browsers refuse the connection."),
        GradeCap.AtGrade("ssl.cert.untrusted", ModuleKeys.Ssl, Grade.F, "Certificate not trusted (SSL Labs: T)."),
        GradeCap.AtGrade("ssl.cert.self_signed", ModuleKeys.Ssl, Grade.F, "Self-signed certificate (SSL Labs: T)."),
        GradeCap.AtGrade("ssl.cert.hostname_mismatch", ModuleKeys.Ssl, Grade.F, "Certificate does not match the host name (SSL Labs: M)."),
        GradeCap.AtGrade("ssl.protocol.ssl2_enabled", ModuleKeys.Ssl, Grade.F, "SSL 2.0 accepted (SSL Labs: F)."),
        GradeCap.AtGrade("ssl.protocol.ssl3_enabled", ModuleKeys.Ssl, Grade.F, "SSL 3.0 accepted: POODLE (SSL Labs caps SSLv3 at B, SSLv3-only at F; we cap at F)."),
        GradeCap.AtGrade("ssl.cipher.export", ModuleKeys.Ssl, Grade.F, "Export-grade cipher suites accepted (SSL Labs: F)."),
        GradeCap.AtGrade("ssl.cipher.null", ModuleKeys.Ssl, Grade.F, "NULL (unencrypted) cipher suites accepted (SSL Labs: F, cipher < 112 bits)."),
        GradeCap.AtGrade("ssl.cipher.rc4", ModuleKeys.Ssl, Grade.C, "RC4 accepted alongside TLS 1.1+ (SSL Labs: C)."),
        GradeCap.AtGrade("ssl.cipher.3des", ModuleKeys.Ssl, Grade.C, "64-bit block cipher 3DES accepted alongside TLS 1.1+, SWEET32 (SSL Labs: C)."),
        GradeCap.AtGrade("ssl.protocol.tls10_enabled", ModuleKeys.Ssl, Grade.B, "TLS 1.0 accepted (SSL Labs: B since 2020)."),
        GradeCap.AtGrade("ssl.protocol.tls11_enabled", ModuleKeys.Ssl, Grade.B, "TLS 1.1 accepted (SSL Labs: B since 2020)."),
        GradeCap.AtGrade("ssl.cipher.no_forward_secrecy", ModuleKeys.Ssl, Grade.B, "No forward secrecy (SSL Labs: B)."),
        GradeCap.AtGrade("ssl.cert.weak_key", ModuleKeys.Ssl, Grade.B, "Weak certificate key, RSA < 2048 or EC < 256 (SSL Labs: B)."),
        GradeCap.AtGrade("ssl.cert.incomplete_chain", ModuleKeys.Ssl, Grade.B, "Incomplete certificate chain (SSL Labs: B)."),
    ];

    private static readonly FrozenDictionary<string, ModuleDefinition> ModulesByKey =
        Modules.ToFrozenDictionary(m => m.Key, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, GradeCap> CapsByCode =
        GradeCaps.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    public static bool TryGetModule(string key, [NotNullWhen(true)] out ModuleDefinition? module) =>
        ModulesByKey.TryGetValue(key, out module);

    public static ModuleDefinition Module(string key) =>
        TryGetModule(key, out var module) ? module : throw new ArgumentException($"'{key}' is not a known module key.", nameof(key));

    public static int PenaltyFor(Severity severity) =>
        Penalties.TryGetValue(severity, out var penalty)
            ? penalty
            : throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity.");

    /// <summary>The cap for <paramref name="code"/> when it is reported by <paramref name="module"/>, if any.</summary>
    public static GradeCap? CapFor(string code, string module) =>
        CapsByCode.TryGetValue(code, out var cap) && string.Equals(cap.Module, module, StringComparison.Ordinal) ? cap : null;
}
