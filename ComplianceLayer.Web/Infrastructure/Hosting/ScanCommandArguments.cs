namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>The scan verb's arguments; anything it does not know is passed on to configuration (--Key=value).</summary>
public sealed record ScanCommandArguments(string? Domain, bool Json, IReadOnlySet<string>? Modules, string[] HostArgs, string? Error)
{
    public static ScanCommandArguments Parse(IReadOnlyList<string> args)
    {
        string? domain = null;
        var json = false;
        HashSet<string>? modules = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--modules" when i + 1 < args.Count:
                    modules = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                    break;
                case "--modules":
                    return new(null, json, null, [], "--modules needs a comma-separated list of module keys");
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    rest.Add(a);
                    if (!a.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                    {
                        rest.Add(args[++i]);
                    }
                    break;
                default:
                    if (domain is not null)
                    {
                        return new(null, json, null, [], $"unexpected argument '{args[i]}': one domain per scan");
                    }
                    domain = args[i];
                    break;
            }
        }
        return domain is null
            ? new(null, json, modules, [.. rest], "missing the domain to scan")
            : new(domain, json, modules, [.. rest], null);
    }
}
