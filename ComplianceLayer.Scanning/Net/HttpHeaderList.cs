using System.Collections;
using System.Net.Http.Headers;

namespace ComplianceLayer.Scanning.Net;

/// <summary>
/// Response headers exactly as received: one entry per value, names case-insensitive, repeated
/// headers (several Set-Cookie lines) kept apart and in order.
/// </summary>
public sealed class HttpHeaderList : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _entries;

    public HttpHeaderList(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
    }

    public static HttpHeaderList Empty { get; } = new([]);

    public int Count => _entries.Count;

    public KeyValuePair<string, string> this[int index] => _entries[index];

    /// <summary>Every value of <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<string> GetValues(string name)
        => [.. _entries.Where(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)).Select(e => e.Value)];

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? GetFirst(string name)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }

    public bool Contains(string name) => GetFirst(name) is not null;

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static HttpHeaderList From(HttpResponseMessage response)
    {
        var entries = new List<KeyValuePair<string, string>>();
        Add(entries, response.Headers.NonValidated);
        Add(entries, response.Content.Headers.NonValidated);
        return new HttpHeaderList(entries);
    }

    private static void Add(List<KeyValuePair<string, string>> entries, HttpHeadersNonValidated headers)
    {
        foreach (var header in headers)
        {
            foreach (var value in header.Value)
            {
                entries.Add(new(header.Key, value));
            }
        }
    }
}
