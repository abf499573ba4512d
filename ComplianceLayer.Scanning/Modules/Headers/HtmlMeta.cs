using System.Net;
using System.Text.RegularExpressions;

namespace ComplianceLayer.Scanning.Modules.Headers;

/// <summary>
/// Reads &lt;meta&gt; elements of the document head that act like headers: http-equiv CSP and name="referrer".
/// Browsers only honour these in the head, so the scan stops at &lt;body or &lt;/head&gt;.
/// </summary>
public static partial class HtmlMeta
{
    public static IReadOnlyList<string> HttpEquiv(string html, string name) => Contents(html, "http-equiv", name);

    public static IReadOnlyList<string> Named(string html, string name) => Contents(html, "name", name);

    private static List<string> Contents(string html, string attribute, string expected)
    {
        var head = Head(html ?? "");
        var contents = new List<string>();
        foreach (Match tag in MetaTag().Matches(head))
        {
            var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match a in Attribute().Matches(tag.Groups["attrs"].Value))
            {
                var value = a.Groups["dq"].Success ? a.Groups["dq"].Value : a.Groups["sq"].Success ? a.Groups["sq"].Value : a.Groups["bare"].Value;
                attributes.TryAdd(a.Groups["name"].Value, WebUtility.HtmlDecode(value));
            }

            if (attributes.TryGetValue(attribute, out var key)
                && string.Equals(key.Trim(), expected, StringComparison.OrdinalIgnoreCase)
                && attributes.TryGetValue("content", out var content))
            {
                contents.Add(content);
            }
        }

        return contents;
    }

    private static string Head(string html)
    {
        var end = html.Length;
        foreach (var marker in new[] { "</head", "<body" })
        {
            var index = html.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (index >= 0 && index < end)
            {
                end = index;
            }
        }

        return html[..end];
    }

    [GeneratedRegex(@"<meta\b(?<attrs>[^>]*)>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s""'>]+))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Attribute();
}
