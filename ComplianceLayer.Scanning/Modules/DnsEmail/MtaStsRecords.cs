using System.Globalization;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>The _mta-sts TXT record (RFC 8461 §3.1).</summary>
public sealed record MtaStsRecord(string Text, string? Id, IReadOnlyList<string> Errors)
{
    public static bool IsMtaSts(string text) => text.StartsWith("v=STSv1", StringComparison.Ordinal);

    public static MtaStsRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var fields = text.Split(';').Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (fields.Count == 0 || fields[0] != "v=STSv1")
        {
            errors.Add("the record must start with \"v=STSv1;\"");
        }

        string? id = null;
        foreach (var field in fields.Skip(1))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add($"\"{field}\" is not a key=value field");
            }
            else if (field[..equals] == "id")
            {
                id = field[(equals + 1)..];
                if (id.Length is 0 or > 32 || !id.All(char.IsAsciiLetterOrDigit))
                {
                    errors.Add($"id \"{id}\" must be 1-32 letters or digits");
                }
            }
        }

        if (id is null)
        {
            errors.Add("no id= field");
        }

        return new MtaStsRecord(text, id, errors);
    }
}

/// <summary>The MTA-STS policy file (RFC 8461 §3.2). Unknown keys are ignored, as the RFC requires.</summary>
public sealed record MtaStsPolicy(string? Version, string? Mode, long? MaxAge, IReadOnlyList<string> Mx, IReadOnlyList<string> Errors)
{
    public const long MaxMaxAge = 31_557_600;

    public static MtaStsPolicy Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<string>();
        var mx = new List<string>();
        var singles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                errors.Add($"\"{line}\" is not a \"key: value\" line");
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "mx")
            {
                mx.Add(value.ToLowerInvariant());
            }
            else if (key is "version" or "mode" or "max_age" && !singles.TryAdd(key, value))
            {
                errors.Add($"\"{key}\" appears more than once");
            }
        }

        var version = singles.GetValueOrDefault("version");
        var mode = singles.GetValueOrDefault("mode");
        long? maxAge = long.TryParse(singles.GetValueOrDefault("max_age"), NumberStyles.None, CultureInfo.InvariantCulture, out var age) ? age : null;
        if (version != "STSv1")
        {
            errors.Add(version is null ? "no \"version: STSv1\" line" : $"version \"{version}\" is not STSv1");
        }

        if (mode is not ("enforce" or "testing" or "none"))
        {
            errors.Add(mode is null ? "no \"mode\" line" : $"mode \"{mode}\" is not enforce, testing or none");
        }

        if (maxAge is null or > MaxMaxAge)
        {
            errors.Add(singles.TryGetValue("max_age", out var rawAge) ? $"max_age \"{rawAge}\" is not 0-{MaxMaxAge}" : "no \"max_age\" line");
        }

        if (mx.Count == 0 && mode is "enforce" or "testing")
        {
            errors.Add("no \"mx\" line (required unless mode is none)");
        }

        return new MtaStsPolicy(version, mode, maxAge, mx, errors);
    }

    /// <summary>Whether an MX host matches a policy pattern: exact, or "*.example.com" for exactly one more label (§4.1).</summary>
    public static bool Matches(string pattern, string host)
    {
        var p = pattern.TrimEnd('.').ToLowerInvariant();
        var h = host.TrimEnd('.').ToLowerInvariant();
        if (!p.StartsWith("*.", StringComparison.Ordinal))
        {
            return p == h;
        }

        var suffix = p[1..];
        return h.EndsWith(suffix, StringComparison.Ordinal) && h.Length > suffix.Length && !h[..^suffix.Length].Contains('.', StringComparison.Ordinal);
    }
}

/// <summary>The _smtp._tls TXT record (RFC 8460 §3).</summary>
public sealed record TlsRptRecord(string Text, IReadOnlyList<string> Rua, IReadOnlyList<string> Errors)
{
    public static bool IsTlsRpt(string text) => text.StartsWith("v=TLSRPTv1", StringComparison.Ordinal);

    public static TlsRptRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var fields = text.Split(';').Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (fields.Count == 0 || fields[0] != "v=TLSRPTv1")
        {
            errors.Add("the record must start with \"v=TLSRPTv1;\"");
        }

        var rua = fields.FirstOrDefault(f => f.StartsWith("rua=", StringComparison.Ordinal)) is { } field
            ? field[4..].Split(',').Select(u => u.Trim()).Where(u => u.Length > 0).ToList()
            : [];
        if (rua.Count == 0)
        {
            errors.Add("no rua= field (where reports go); it is required");
        }

        foreach (var uri in rua.Where(u => !Uri.TryCreate(u, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("mailto" or "https")))
        {
            errors.Add($"rua \"{uri}\" is not a mailto: or https: URI");
        }

        return new TlsRptRecord(text, rua, errors);
    }
}
