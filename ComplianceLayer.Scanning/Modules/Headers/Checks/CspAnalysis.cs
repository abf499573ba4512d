namespace ComplianceLayer.Scanning.Modules.Headers.Checks;

/// <summary>
/// What one CSP policy allows for scripts and plugins, after CSP3's rules (§6.7.3.3, §8.2): a nonce, a hash or
/// 'strict-dynamic' disables 'unsafe-inline'; 'strict-dynamic' disables host, scheme and 'self' sources. The MDN
/// Observatory calls 'strict-dynamic' without a nonce or hash invalid; browsers then run no script at all, so it is
/// not reported as a weakness here.
/// </summary>
public sealed record CspAnalysis
{
    /// <summary>Over-broad sources, as the MDN Observatory's DANGEROUSLY_BROAD list.</summary>
    public static readonly IReadOnlySet<string> BroadSources = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "*", "http:", "https:", "ftp:", "http://*", "http://*.*", "https://*", "https://*.*",
    };

    private static readonly string[] NonceOrHashPrefixes = ["'nonce-", "'sha256-", "'sha384-", "'sha512-"];

    public required ContentSecurityPolicy Policy { get; init; }

    /// <summary>script-src, else default-src; null when neither restricts scripts.</summary>
    public string? ScriptDirective { get; init; }

    public IReadOnlyList<string> ScriptSources { get; init; } = [];

    public bool ScriptsUnrestricted => ScriptDirective is null;

    public bool UnsafeInline { get; init; }

    public bool UnsafeEval { get; init; }

    /// <summary>Wildcards and scheme-only sources (incl. data:) that still take effect in the script directive.</summary>
    public IReadOnlyList<string> BroadScriptSources { get; init; } = [];

    public string? ObjectDirective { get; init; }

    public IReadOnlyList<string> ObjectSources { get; init; } = [];

    public bool ObjectUnrestricted => ObjectDirective is null || ObjectSources.Any(BroadSources.Contains);

    public bool HasBaseUri { get; init; }

    public string ScriptEvidence => Evidence(ScriptDirective, ScriptSources);

    public string ObjectEvidence => Evidence(ObjectDirective, ObjectSources);

    public static CspAnalysis Of(ContentSecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var (scriptDirective, scripts) = Fallback(policy, "script-src");
        var (objectDirective, objects) = Fallback(policy, "object-src");
        var nonceOrHash = scripts.Any(IsNonceOrHash);
        var strictDynamic = scripts.Any(s => Is(s, "'strict-dynamic'"));
        return new CspAnalysis
        {
            Policy = policy,
            ScriptDirective = scriptDirective,
            ScriptSources = scripts,
            UnsafeInline = scriptDirective is null || (!nonceOrHash && !strictDynamic && scripts.Any(s => Is(s, "'unsafe-inline'"))),
            UnsafeEval = scriptDirective is null || scripts.Any(s => Is(s, "'unsafe-eval'")),
            BroadScriptSources = scriptDirective is null
                ? ["*"]
                : strictDynamic ? [] : [.. scripts.Where(s => BroadSources.Contains(s) || Is(s, "data:"))],
            ObjectDirective = objectDirective,
            ObjectSources = objects,
            HasBaseUri = policy.Get("base-uri") is { } baseUri && !baseUri.Any(BroadSources.Contains),
        };
    }

    private static (string? Directive, IReadOnlyList<string> Sources) Fallback(ContentSecurityPolicy policy, string directive) =>
        policy.Get(directive) is { } own ? (directive, own)
        : policy.Get("default-src") is { } fallback ? ("default-src", fallback)
        : (null, []);

    private static bool IsNonceOrHash(string source) =>
        NonceOrHashPrefixes.Any(p => source.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static bool Is(string source, string keyword) => string.Equals(source, keyword, StringComparison.OrdinalIgnoreCase);

    private string Evidence(string? directive, IReadOnlyList<string> sources)
    {
        var where = Policy.Origin == CspOrigin.Meta ? "<meta http-equiv=\"Content-Security-Policy\">" : "Content-Security-Policy:";
        return directive is null
            ? $"{where} {Policy.Raw}"
            : $"{where} {directive} {string.Join(' ', sources)}".TrimEnd();
    }
}
