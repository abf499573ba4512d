using System.Globalization;
using System.Text.RegularExpressions;

namespace ComplianceLayer.Scanning.Modules.Waf.Checks;

public enum DetectionConfidence
{
    Low,
    Medium,
    High,
}

/// <summary>A product seen in front of the site, with the evidence that shows it.</summary>
public sealed record DetectedProduct(string Name, string Vendor, ProductKind Kind, DetectionConfidence Confidence, IReadOnlyList<string> Evidence);

/// <summary>
/// Matches the signatures against the home page and the test request. Confidence: high with two or more independent
/// indicators (at least one specific to the product), medium with one specific indicator, low with weak ones only.
/// A site that blocks the test request but matches no WAF signature is reported as an unidentified WAF (low).
/// </summary>
public static class WafDetectionCheck
{
    public const string UnidentifiedName = "Unidentified WAF or request filter";

    /// <summary>Statuses WAFs answer a blocked request with (403 most, 406/501 ModSecurity, 999 some appliances).</summary>
    public static IReadOnlySet<int> BlockStatuses { get; } = new HashSet<int> { 403, 406, 501, 999 };

    /// <summary>The home page answered normally and the test request was answered with a block status.</summary>
    public static bool ProbeBlocked(WafFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Normal.StatusCode < 400 && facts.Probe is { } probe && BlockStatuses.Contains(probe.StatusCode);
    }

    public static IReadOnlyList<DetectedProduct> Run(WafFacts facts) => Run(facts, WafSignatures.All);

    public static IReadOnlyList<DetectedProduct> Run(WafFacts facts, IReadOnlyList<WafSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(signatures);
        var products = new List<DetectedProduct>();
        foreach (var signature in signatures)
        {
            var matches = signature.Indicators
                .Select(i => (Indicator: i, Evidence: Match(i, facts)))
                .Where(m => m.Evidence is not null)
                .ToList();
            if (matches.Count == 0)
            {
                continue;
            }

            var groups = matches.GroupBy(m => m.Indicator.Group, StringComparer.Ordinal).ToList();
            var strongGroups = groups.Count(g => g.Any(m => m.Indicator.Strength == IndicatorStrength.Strong));
            var confidence = strongGroups == 0 ? DetectionConfidence.Low
                : groups.Count >= 2 ? DetectionConfidence.High
                : DetectionConfidence.Medium;
            var kind = matches.Any(m => m.Indicator.ProvesWaf) ? ProductKind.Waf : signature.Kind;
            products.Add(new DetectedProduct(signature.Name, signature.Vendor, kind, confidence,
                [.. groups.Select(g => g.First().Evidence!)]));
        }

        if (ProbeBlocked(facts) && !products.Any(p => p.Kind == ProductKind.Waf))
        {
            products.Add(new DetectedProduct(UnidentifiedName, "unknown", ProductKind.Waf, DetectionConfidence.Low,
            [
                string.Create(CultureInfo.InvariantCulture,
                    $"the test request with a malicious-looking query was answered {facts.Probe!.StatusCode}, the home page {facts.Normal.StatusCode}"),
            ]));
        }

        return products;
    }

    private static string? Match(WafIndicator indicator, WafFacts facts)
    {
        if (indicator.ProbeStatus is { } status)
        {
            return facts.Normal.StatusCode < 400 && facts.Probe is { } probe && probe.StatusCode == status
                ? MatchIn(indicator, probe, "test request")
                : null;
        }

        return MatchIn(indicator, facts.Normal, null) ?? (facts.Probe is { } p ? MatchIn(indicator, p, "test request") : null);
    }

    private static string? MatchIn(WafIndicator indicator, HttpObservation response, string? label)
    {
        var found = indicator.Source switch
        {
            IndicatorSource.Header => response.AllHeaders
                .Where(h => IsMatch(indicator.NameRegex, h.Key) && IsMatch(indicator.PatternRegex, h.Value))
                .Select(h => $"header {h.Key}: {Shorten(h.Value)}")
                .FirstOrDefault(),
            // Cookie names only: values can be session tokens, or (BIGipServer) encode internal addresses.
            IndicatorSource.Cookie => response.SetCookies
                .Where(c => IsMatch(indicator.PatternRegex, c.TrimStart()))
                .Select(c => $"cookie {CookieName(c)}")
                .FirstOrDefault(),
            IndicatorSource.Body when response.StatusCode >= 400 => FirstMatch(indicator.PatternRegex, response.Body) is { } text
                ? string.Create(CultureInfo.InvariantCulture, $"HTTP {response.StatusCode} page containing \"{Shorten(text)}\"")
                : null,
            IndicatorSource.Reason when response.StatusCode >= 400 && response.ReasonPhrase is { } reason && IsMatch(indicator.PatternRegex, reason)
                => string.Create(CultureInfo.InvariantCulture, $"HTTP {response.StatusCode} reason phrase \"{Shorten(reason)}\""),
            _ => null,
        };
        if (found is not null && indicator.ProbeStatus is not null && indicator.Source == IndicatorSource.Header)
        {
            found = string.Create(CultureInfo.InvariantCulture, $"HTTP {response.StatusCode} with {found}");
        }

        return found is null || label is null ? found : $"{found} ({label})";
    }

    private static bool IsMatch(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string? FirstMatch(Regex regex, string input)
    {
        try
        {
            var match = regex.Match(input);
            return match.Success ? match.Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string CookieName(string setCookie)
    {
        var text = setCookie.TrimStart();
        var end = text.IndexOfAny(['=', ';']);
        return end < 0 ? text : text[..end];
    }

    private static string Shorten(string value)
    {
        var flat = string.Join(' ', value.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= 100 ? flat : string.Concat(flat.AsSpan(0, 99), "…");
    }
}
