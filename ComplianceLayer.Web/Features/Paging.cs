namespace ComplianceLayer.Web.Features;

/// <summary>One page of a list, with the total number of rows that match, for server-side paged grids.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>Paging bounds and search patterns shared by the feature lists.</summary>
public static class Paging
{
    public const int MaxPageSize = 100;

    public static int Skip(int page, int pageSize) => Math.Max(page, 0) * Take(pageSize);

    public static int Take(int pageSize) => Math.Clamp(pageSize, 1, MaxPageSize);

    /// <summary>An ILIKE pattern matching <paramref name="search"/> anywhere, with LIKE wildcards taken literally.</summary>
    public static string? ContainsPattern(string? search)
    {
        var trimmed = search?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return "%" + EscapeLike(trimmed) + "%";
    }

    /// <summary>Escapes LIKE wildcards with a backslash, for use with an explicit escape character.</summary>
    public static string EscapeLike(string text) => text
        .Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal)
        .Replace("_", @"\_", StringComparison.Ordinal);
}
