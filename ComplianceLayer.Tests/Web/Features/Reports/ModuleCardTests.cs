using Bunit;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Web.Features.Reports;

namespace ComplianceLayer.Tests.Web.Features.Reports;

public sealed class ModuleCardTests
{
    [Fact]
    public async Task Render_CompletedModule_ShowsScoreGradeWeightIssuesBySeverityAndKeyFacts()
    {
        await using var ctx = ReportTestData.NewContext();
        var report = ReportTestData.Full();
        var ssl = report.Modules[ModuleKeys.Ssl];

        var cut = ctx.Render<ModuleCard>(p => p.Add(x => x.Key, ModuleKeys.Ssl).Add(x => x.Module, ssl));

        Assert.Equal(ssl.Score!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=module-score]").TextContent);
        Assert.Equal(ReportJson(ssl.Grade!.Value), cut.Find("[data-testid=module-grade]").TextContent.Trim());
        Assert.Equal("weight 25 %", cut.Find("[data-testid=module-weight]").TextContent);
        Assert.Contains("1 issue", cut.Find("[data-testid=module-issues]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 high", cut.Find("[data-testid=module-issues] [data-severity=high]").TextContent.Trim());
        var facts = Facts(cut);
        Assert.Contains(("Protocols:", "TLSv1.0, TLSv1.2, TLSv1.3"), facts);
        Assert.Contains(("Certificate › Issuer:", "CN=R11, O=Let's Encrypt"), facts);
        Assert.Contains(("Certificate › Trusted:", "yes"), facts);
        // Labelled region named by its heading.
        Assert.Equal("module-ssl", cut.Find("[data-testid=module-card]").GetAttribute("aria-labelledby"));
        Assert.Equal(ScoringPolicy.Module(ModuleKeys.Ssl).Name, cut.Find("#module-ssl").TextContent);
    }

    [Fact]
    public async Task Render_PortsDetails_ShowsOpenPortsFromAnArrayOfObjects()
    {
        await using var ctx = ReportTestData.NewContext();
        var ports = ReportTestData.Full().Modules[ModuleKeys.Ports];
        var cut = ctx.Render<ModuleCard>(p => p.Add(x => x.Key, ModuleKeys.Ports).Add(x => x.Module, ports));
        Assert.Contains(("Open:", "3389 rdp, 443 https"), Facts(cut));
        Assert.Equal("1 critical", cut.Find("[data-testid=module-issues] [data-severity=critical]").TextContent.Trim());
    }

    [Theory]
    [InlineData(ModuleKeys.Cookies, "error", "The home page did not answer in time")]
    [InlineData(ModuleKeys.Waf, "not_tested", "No HTTP response to test")]
    public async Task Render_ModuleWithoutScore_ShowsItsStatusAndReason_AndNoScore(string key, string status, string reason)
    {
        await using var ctx = ReportTestData.NewContext();
        var module = ReportTestData.Full().Modules[key];
        var cut = ctx.Render<ModuleCard>(p => p.Add(x => x.Key, key).Add(x => x.Module, module));
        var alert = cut.Find("[data-testid=module-status]");
        Assert.Equal(status, alert.GetAttribute("data-status"));
        Assert.Contains(reason, alert.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=module-score]"));
        Assert.Contains("No issues", cut.Find("[data-testid=module-issues]").TextContent, StringComparison.Ordinal);
    }

    private static List<(string Label, string Value)> Facts(IRenderedComponent<ModuleCard> cut) =>
        cut.FindAll("[data-testid=module-facts] dt").Zip(cut.FindAll("[data-testid=module-facts] dd"), (dt, dd) => (dt.TextContent, dd.TextContent)).ToList();

    private static string ReportJson(Grade grade) => ComplianceLayer.Domain.Reports.ReportJson.ValueOf(grade);
}
