using ComplianceLayer.Scanning.Modules.JsAudit;

namespace ComplianceLayer.Tests.Scanning.Modules.JsAudit;

public sealed class ScriptReferenceParserTests
{
    private static readonly Uri Page = new("https://shop.example.com/store/index.html");

    [Fact]
    public void Parse_RelativeAndAbsoluteSources_ResolvesAgainstPage()
    {
        var refs = ScriptReferenceParser.Parse("""
            <script src="js/a.js"></script><SCRIPT type="module" src='/b.js?x=1&amp;y=2'></SCRIPT>
            <script src=//cdn.jsdelivr.net/c.js></script>
            """, Page);
        Assert.Equal(["https://shop.example.com/store/js/a.js", "https://shop.example.com/b.js?x=1&y=2", "https://cdn.jsdelivr.net/c.js"],
            refs.External.Select(u => u.ToString()));
    }

    [Fact]
    public void Parse_CommentedOutScriptAndDataAttribute_AreIgnored()
    {
        var refs = ScriptReferenceParser.Parse("""<!-- <script src="/old.js"></script> --><script data-src="/lazy.js">var x;</script>""", Page);
        Assert.Empty(refs.External);
        Assert.Equal(["var x;"], refs.Inline);
    }

    [Fact]
    public void Parse_BaseHref_IsUsedForRelativeSources()
        => Assert.Equal("https://static.example.com/assets/a.js",
            ScriptReferenceParser.Parse("""<base href="https://static.example.com/assets/"><script src="a.js"></script>""", Page).External.Single().ToString());

    [Fact]
    public void Parse_NonHttpSources_AreDropped()
        => Assert.Empty(ScriptReferenceParser.Parse("""<script src="javascript:void(0)"></script><script src="data:text/javascript,1"></script>""", Page).External);
}
