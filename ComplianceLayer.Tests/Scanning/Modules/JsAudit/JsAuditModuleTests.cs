using System.Net;
using System.Text;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Scanning.Modules.JsAudit;
using ComplianceLayer.Tests.Scanning.Net;

namespace ComplianceLayer.Tests.Scanning.Modules.JsAudit;

[Trait("Category", "Integration")]
public sealed class JsAuditModuleTests
{
    private const string Domain = "shop.example.com";

    private const string Page = """
        <html><head>
        <script src="/js/jquery-1.8.3.min.js"></script>
        <script src="js/app.bundle.js"></script>
        <script src="/js/jquery-3.7.1.min.js"></script>
        <script src="https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.20/lodash.min.js"></script>
        <script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>
        <!-- <script src="/js/jquery-1.4.2.js"></script> -->
        <script>/*!
         * Bootstrap v3.3.7 (http://getbootstrap.com)
         */ var inline = 1;</script>
        </head><body></body></html>
        """;

    [Fact]
    public async Task RunAsync_PageWithOldLibraries_ReportsEachVulnerableVersion()
    {
        await using var server = Serve(Page);
        using var dns = new LoopbackDnsServer();
        dns.AddA(Domain, "127.0.0.1");

        var outcome = await RunAsync(dns, server.Port);

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Equal(
            ["js_audit.vulnerable:bootstrap@3.3.7", "js_audit.vulnerable:jquery@1.12.4", "js_audit.vulnerable:jquery@1.8.3", "js_audit.vulnerable:lodash@4.17.20"],
            outcome.Issues.Select(i => i.Fingerprint).Order(StringComparer.Ordinal));
        var jquery = outcome.Issues.Single(i => i.Fingerprint.EndsWith("jquery@1.8.3", StringComparison.Ordinal));
        Assert.Equal(Severity.Medium, jquery.Severity);
        Assert.Contains("CVE-2019-11358", jquery.Title, StringComparison.Ordinal);
        Assert.Contains($"https://{Domain}:{server.Port}/js/jquery-1.8.3.min.js (version from the script URL)", jquery.Evidence, StringComparison.Ordinal);
        Assert.Equal(Severity.High, outcome.Issues.Single(i => i.Fingerprint.EndsWith("lodash@4.17.20", StringComparison.Ordinal)).Severity);

        var libraries = outcome.Details["libraries"]!.AsArray();
        Assert.Contains(libraries, l => (string?)l!["name"] == "jquery" && (string?)l["version"] == "1.12.4" && (string?)l["detection"] == "filecontent");
        Assert.Contains(libraries, l => (string?)l!["name"] == "bootstrap" && (string?)l["detection"] == "banner");
        Assert.Contains(libraries, l => (string?)l!["name"] == "lodash" && (string?)l["detection"] == "uri");
        Assert.Contains(libraries, l => (string?)l!["name"] == "jquery" && (string?)l["version"] == "3.7.1" && l["vulnerabilities"]!.AsArray().Count == 0);
        Assert.Equal(6, (int?)outcome.Details["scripts_seen"]);
        Assert.Equal(3, (int?)outcome.Details["scripts_fetched"]);
        Assert.Single(outcome.Details["third_party_scripts"]!.AsArray());

        // Only same-site scripts are fetched; the CDN and third-party hosts are never even resolved.
        Assert.Equal(["/", "/js/app.bundle.js", "/js/jquery-1.8.3.min.js", "/js/jquery-3.7.1.min.js"],
            server.Requests.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(dns.Queries, q => q.Name.Contains("cdnjs", StringComparison.Ordinal) || q.Name.Contains("googletagmanager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_OnlyCurrentVersions_ReportsNothing()
    {
        await using var server = Serve("""<script src="/js/jquery-3.7.1.min.js"></script><script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>""");
        using var dns = new LoopbackDnsServer();
        dns.AddA(Domain, "127.0.0.1");

        var outcome = await RunAsync(dns, server.Port);

        Assert.Equal(ModuleStatus.Completed, outcome.Status);
        Assert.Empty(outcome.Issues);
        Assert.Equal(2, outcome.Details["libraries"]!.AsArray().Count);
    }

    [Fact]
    public async Task RunAsync_RenamedFileWithOlderBanner_TrustsContentOverFileName()
    {
        await using var server = Serve("""<script src="/js/jquery-3.7.1.min.js"></script>""", jquery371Body: "/*! jQuery v1.8.3 jquery.com | jquery.org/license */");
        using var dns = new LoopbackDnsServer();
        dns.AddA(Domain, "127.0.0.1");

        var outcome = await RunAsync(dns, server.Port);

        var issue = Assert.Single(outcome.Issues);
        Assert.Equal("js_audit.vulnerable:jquery@1.8.3", issue.Fingerprint);
        Assert.Contains("version from the script's content", issue.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HomePageUnreachable_IsNotTested()
    {
        using var dns = new LoopbackDnsServer();
        dns.AddA(Domain, "127.0.0.1");
        using var harness = ScanTestHarness.Create(dns, o => (o.HttpsPort, o.HttpPort) = (Loopback.ClosedPort(), Loopback.ClosedPort()));
        var context = await harness.ContextAsync(Domain);

        var outcome = await new JsAuditModule().RunAsync(context, CancellationToken.None);

        Assert.Equal(ModuleStatus.NotTested, outcome.Status);
        Assert.Empty(outcome.Issues);
    }

    private static LoopbackHttpServer Serve(string page, string jquery371Body = "/*! jQuery v3.7.1 | (c) OpenJS Foundation and other contributors | jquery.org/license */")
        => new(request => request.Path switch
        {
            "/" => Html(page),
            "/js/jquery-1.8.3.min.js" => TestHttpResponse.Text("(function(){/* minified, no banner */})();"),
            "/js/app.bundle.js" => TestHttpResponse.Text("/*! jQuery v1.12.4 | (c) jQuery Foundation | jquery.org/license */\n!function(a,b){}(window);"),
            "/js/jquery-3.7.1.min.js" => TestHttpResponse.Text(jquery371Body),
            _ => new TestHttpResponse(404, [], []),
        }, IPAddress.Loopback, TestCertificates.Leaf([Domain]));

    private static TestHttpResponse Html(string body) => new(200, [new("Content-Type", "text/html; charset=utf-8")], Encoding.UTF8.GetBytes(body));

    private static async Task<ModuleOutcome> RunAsync(LoopbackDnsServer dns, int httpsPort)
    {
        using var harness = ScanTestHarness.Create(dns, o => (o.HttpsPort, o.HttpPort) = (httpsPort, Loopback.ClosedPort()));
        var context = await harness.ContextAsync(Domain);
        return await new JsAuditModule().RunAsync(context, CancellationToken.None);
    }
}
