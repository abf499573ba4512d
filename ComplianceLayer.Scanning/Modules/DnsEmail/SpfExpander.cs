using ComplianceLayer.Scanning.Net;
using DnsClient;
using DnsClient.Protocol;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>One record of the include/redirect tree, with what went wrong at that node.</summary>
public sealed record SpfNode(string Domain, string Via, string? Record, int Lookups, IReadOnlyList<SpfNode> Children, string? Error);

/// <summary>The SPF tree as a receiver would walk it for an address that matches nothing (the worst case checkers count).</summary>
public sealed record SpfEvaluation(
    SpfNode Root,
    int LookupCount,
    IReadOnlyList<string> VoidLookups,
    IReadOnlyList<string> Loops,
    IReadOnlyList<string> InvalidTargets,
    IReadOnlyList<string> SyntaxErrors,
    IReadOnlyList<string> PtrTerms,
    IReadOnlyList<string> Unevaluated)
{
    /// <summary>Some lookups failed or the caps were hit: counts are lower bounds.</summary>
    public bool Incomplete => Unevaluated.Count > 0;
}

/// <summary>
/// Walks include and redirect recursively through the scanner's resolver, counting DNS-querying terms (RFC 7208 §4.6.4)
/// and void lookups, detecting loops by the chain of domains on the current path, with hard caps on records and queries so
/// that a hostile zone cannot make a scan expensive. Macros are not expanded (they depend on the sender): such terms are
/// counted but not followed.
/// </summary>
public sealed class SpfExpander(Func<string, QueryType, Task<DnsAnswer>> query)
{
    public const int MaxRecords = 30;
    public const int MaxQueries = 80;
    public const int MaxDepth = 10;
    public const int MaxMxNames = 10;

    private readonly List<string> _voids = [];
    private readonly List<string> _loops = [];
    private readonly List<string> _invalid = [];
    private readonly List<string> _syntax = [];
    private readonly List<string> _ptr = [];
    private readonly List<string> _unevaluated = [];
    private readonly List<string> _path = [];
    private int _lookups;
    private int _records;
    private int _queries;

    public async Task<SpfEvaluation> EvaluateAsync(string domain, string record)
    {
        var root = await ExpandAsync(domain.ToLowerInvariant().TrimEnd('.'), "root", record).ConfigureAwait(false);
        return new SpfEvaluation(root, _lookups, _voids, _loops, _invalid, _syntax, _ptr, _unevaluated);
    }

    private async Task<SpfNode> ExpandAsync(string domain, string via, string text)
    {
        _records++;
        _path.Add(domain);
        try
        {
            var record = SpfRecord.Parse(text);
            _syntax.AddRange(record.Errors.Select(e => domain + ": " + e));
            var children = new List<SpfNode>();
            var lookups = 0;
            foreach (var term in record.Terms)
            {
                if (!term.QueriesDns || (term.Name == "redirect" && record.Redirect != term))
                {
                    continue;
                }

                lookups++;
                _lookups++;
                var target = term.Domain ?? domain;
                if (term.HasMacros)
                {
                    _unevaluated.Add($"{domain}: \"{term.Raw}\" uses macros, which depend on the sender and are not expanded");
                    continue;
                }

                switch (term.Name)
                {
                    case "include" or "redirect":
                        if (await FollowAsync(domain, term, target.TrimEnd('.')).ConfigureAwait(false) is { } child)
                        {
                            children.Add(child);
                        }

                        break;
                    case "ptr":
                        _ptr.Add($"{domain}: {term.Raw}");
                        break;
                    case "a":
                        await CheckVoidAsync(domain, term, target, QueryType.A, QueryType.AAAA).ConfigureAwait(false);
                        break;
                    case "mx":
                        var mx = await CheckVoidAsync(domain, term, target, QueryType.MX).ConfigureAwait(false);
                        if (mx?.RecordsOf<MxRecord>().Count() > MaxMxNames)
                        {
                            _invalid.Add($"{domain}: \"{term.Raw}\" finds more than {MaxMxNames} MX names (permerror, RFC 7208 §4.6.4)");
                        }

                        break;
                    case "exists":
                        await CheckVoidAsync(domain, term, target, QueryType.A).ConfigureAwait(false);
                        break;
                }
            }

            return new SpfNode(domain, via, text, lookups, children, null);
        }
        finally
        {
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private async Task<SpfNode?> FollowAsync(string domain, SpfTerm term, string target)
    {
        if (_path.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            _loops.Add($"{string.Join(" → ", _path)} → {target}");
            return new SpfNode(target, term.Name, null, 0, [], "loop: this domain is already being evaluated");
        }

        if (_path.Count >= MaxDepth || _records >= MaxRecords)
        {
            _unevaluated.Add($"{domain}: \"{term.Raw}\" not followed (more than {MaxDepth} levels or {MaxRecords} records)");
            return new SpfNode(target, term.Name, null, 0, [], "not followed: evaluation cap reached");
        }

        var answer = await QueryAsync(target, QueryType.TXT).ConfigureAwait(false);
        if (answer is null || !answer.IsDefinitive)
        {
            _unevaluated.Add($"{domain}: TXT {target} could not be looked up ({answer?.Error ?? answer?.Status.ToString() ?? "query cap reached"})");
            return new SpfNode(target, term.Name, null, 0, [], "lookup failed");
        }

        var spf = SpfTexts(answer);
        if (spf.Count == 1)
        {
            return await ExpandAsync(target, term.Name, spf[0]).ConfigureAwait(false);
        }

        if (spf.Count == 0 && (answer.Status == DnsLookupStatus.NxDomain || answer.IsEmpty))
        {
            _voids.Add($"{domain}: \"{term.Raw}\" ({target}: {(answer.Status == DnsLookupStatus.NxDomain ? "NXDOMAIN" : "no TXT record")})");
        }

        var error = spf.Count == 0 ? "no SPF record" : $"{spf.Count} SPF records";
        _invalid.Add($"{domain}: \"{term.Raw}\" → {target} has {error} (permerror, RFC 7208 §5.2/§6.1)");
        return new SpfNode(target, term.Name, null, 0, [], error);
    }

    private async Task<DnsAnswer?> CheckVoidAsync(string domain, SpfTerm term, string target, params QueryType[] types)
    {
        DnsAnswer? first = null;
        var voids = 0;
        foreach (var type in types)
        {
            var answer = await QueryAsync(target, type).ConfigureAwait(false);
            first ??= answer;
            if (answer is null || !answer.IsDefinitive)
            {
                _unevaluated.Add($"{domain}: {type} {target} could not be looked up ({answer?.Error ?? answer?.Status.ToString() ?? "query cap reached"})");
                return first;
            }

            voids += answer.Status == DnsLookupStatus.NxDomain || answer.IsEmpty ? 1 : 0;
        }

        if (voids == types.Length)
        {
            _voids.Add($"{domain}: \"{term.Raw}\" ({target}: no {string.Join("/", types)} record)");
        }

        return first;
    }

    private async Task<DnsAnswer?> QueryAsync(string name, QueryType type)
    {
        if (++_queries > MaxQueries)
        {
            return null;
        }

        return await query(name, type).ConfigureAwait(false);
    }

    /// <summary>The SPF records among a TXT answer (multi-string records joined without spaces, RFC 7208 §3.3).</summary>
    public static IReadOnlyList<string> SpfTexts(DnsAnswer answer) =>
        [.. answer.RecordsOf<TxtRecord>().Select(r => string.Concat(r.Text)).Where(SpfRecord.IsSpf)];
}
