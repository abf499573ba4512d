using System.Net;
using System.Text.RegularExpressions;

namespace ComplianceLayer.Scanning.Modules.JsAudit;

/// <summary>The scripts a page references: external <c>src</c> URLs (absolute, resolved against the page or its &lt;base&gt;) and inline bodies.</summary>
public sealed record ScriptReferences(IReadOnlyList<Uri> External, IReadOnlyList<string> Inline);

/// <summary>
/// A tolerant scan of &lt;script&gt; elements, not a full HTML parser: comments are removed first so that commented-out
/// scripts do not count, and only http(s) URLs are kept.
/// </summary>
public static partial class ScriptReferenceParser
{
    public static ScriptReferences Parse(string html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var text = Comment().Replace(html, string.Empty);
        var baseUrl = pageUrl;
        var baseHref = BaseHref().Match(text);
        if (baseHref.Success && Uri.TryCreate(pageUrl, WebUtility.HtmlDecode(AttributeValue(baseHref)).Trim(), out var declared)
            && declared.Scheme is "http" or "https")
        {
            baseUrl = declared;
        }

        var external = new List<Uri>();
        var inline = new List<string>();
        foreach (Match script in Script().Matches(text))
        {
            var src = Src().Match(script.Groups["attrs"].Value);
            if (src.Success)
            {
                var value = WebUtility.HtmlDecode(AttributeValue(src)).Trim();
                if (Uri.TryCreate(baseUrl, value, out var url) && url.Scheme is "http" or "https" && !external.Contains(url))
                {
                    external.Add(url);
                }
            }
            else if (!string.IsNullOrWhiteSpace(script.Groups["body"].Value))
            {
                inline.Add(script.Groups["body"].Value);
            }
        }

        return new ScriptReferences(external, inline);
    }

    private static string AttributeValue(Match match)
        => match.Groups["dq"].Success ? match.Groups["dq"].Value : match.Groups["sq"].Success ? match.Groups["sq"].Value : match.Groups["bare"].Value;

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<script\b(?<attrs>[^>]*)>(?<body>.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Script();

    [GeneratedRegex(@"(?:^|\s)src\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s""'>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Src();

    [GeneratedRegex(@"<base\b[^>]*?\shref\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s""'>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BaseHref();
}
