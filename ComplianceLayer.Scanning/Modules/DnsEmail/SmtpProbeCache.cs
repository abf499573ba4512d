using System.Collections.Concurrent;

namespace ComplianceLayer.Scanning.Modules.DnsEmail;

/// <summary>
/// Process-wide cache of SMTP probe results per MX host, so that the many domains of one provider (outlook.com, google.com…)
/// cost one probe per TTL instead of one per scan, and a provider that rate-limits us is not hammered. Static because the
/// network bundle is fixed; bounded (oldest entries go first) and expiring on the scan's <see cref="TimeProvider"/>.
/// "Not tested" results are kept for a shorter time: a transient block should not hide a host for long.
/// </summary>
public static class SmtpProbeCache
{
    public const int MaxEntries = 1024;

    public static readonly TimeSpan TestedTtl = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan NotTestedTtl = TimeSpan.FromMinutes(2);

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    public static int Count => Entries.Count;

    public static bool TryGet(string key, TimeProvider time, out SmtpProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (Entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow())
        {
            result = entry.Result with { FromCache = true };
            return true;
        }

        result = null!;
        return false;
    }

    public static void Set(string key, SmtpProbeResult result, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        if (Entries.Count >= MaxEntries)
        {
            foreach (var expired in Entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                Entries.TryRemove(expired, out _);
            }

            foreach (var oldest in Entries.OrderBy(e => e.Value.Expires).Take(Math.Max(0, Entries.Count - MaxEntries + 1)).Select(e => e.Key).ToList())
            {
                Entries.TryRemove(oldest, out _);
            }
        }

        Entries[key] = new Entry(result with { FromCache = false }, now + (result.Tested ? TestedTtl : NotTestedTtl));
    }

    private sealed record Entry(SmtpProbeResult Result, DateTimeOffset Expires);
}
