using System.Text.Json.Nodes;
using Bunit;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Tests.Fixtures;
using MudBlazor.Services;

namespace ComplianceLayer.Tests.Web.Features.Reports;

/// <summary>Real score-card reports with issues of every severity, an errored and a not-tested module, and module details.</summary>
internal static class ReportTestData
{
    public static readonly DateTimeOffset ScannedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static Issue Tls10 { get; } = new(ModuleKeys.Ssl, "ssl.protocol.tls10_enabled", Severity.High, "TLS 1.0 is accepted",
        "Disable TLS 1.0 and 1.1; keep TLS 1.2 and 1.3.", "ServerHello version 0x0301 to a TLS 1.0-only ClientHello", "Old clients only.");

    public static Issue Rdp { get; } = new(ModuleKeys.Ports, "ports.exposed.rdp", Severity.Critical, "RDP is open to the internet",
        "Close port 3389 or put it behind a VPN.", "TCP 3389 accepted a connection", subject: "3389");

    public static Issue NoHsts { get; } = new(ModuleKeys.Headers, "headers.hsts.missing", Severity.Medium, "No HSTS header",
        "Send Strict-Transport-Security.", "GET / → 200 without Strict-Transport-Security");

    public static Issue NoCsp { get; } = new(ModuleKeys.Headers, "headers.csp.missing", Severity.Low, "No Content-Security-Policy",
        "Send a Content-Security-Policy.", "GET / → 200 without Content-Security-Policy");

    public static Issue Spf { get; } = new(ModuleKeys.DnsEmail, "email.spf.softfail", Severity.Info, "SPF ends in ~all",
        "End the SPF record in -all.", "v=spf1 include:_spf.example.net ~all");

    public static Issue Dmarc { get; } = new(ModuleKeys.DnsEmail, "email.dmarc.missing", Severity.High, "No DMARC record",
        "Publish a DMARC record.", "_dmarc.example.com: NXDOMAIN");

    public static JsonObject SslDetails() => new()
    {
        ["protocols"] = new JsonArray("TLSv1.0", "TLSv1.2", "TLSv1.3"),
        ["certificate"] = new JsonObject { ["issuer"] = "CN=R11, O=Let's Encrypt", ["trusted"] = true },
    };

    public static JsonObject PortsDetails() => new()
    {
        ["open"] = new JsonArray(new JsonObject { ["port"] = 3389, ["service"] = "rdp" }, new JsonObject { ["port"] = 443, ["service"] = "https" }),
    };

    /// <summary>A report with the given issues; cookies errored, waf not tested, every other weighted module completed.</summary>
    public static ScanReport Report(IReadOnlyList<Issue> issues, string reportId = "cl_rpt_test0000000001", DateTimeOffset? scannedAt = null)
    {
        var outcomes = ScoringPolicy.Modules.Where(m => m.IsWeighted).Select(m => m.Key switch
        {
            ModuleKeys.Cookies => ModuleOutcome.Errored(m.Key, "The home page did not answer in time"),
            ModuleKeys.Waf => ModuleOutcome.NotTested(m.Key, "No HTTP response to test"),
            ModuleKeys.Ssl => ModuleOutcome.Completed(m.Key, issues.Where(i => i.Module == m.Key), SslDetails()),
            ModuleKeys.Ports => ModuleOutcome.Completed(m.Key, issues.Where(i => i.Module == m.Key), PortsDetails()),
            _ => ModuleOutcome.Completed(m.Key, issues.Where(i => i.Module == m.Key)),
        }).ToList();
        var card = ScoreCard.Build("example.com", reportId, scannedAt ?? ScannedAt, outcomes);
        Assert.True(card.IsScored, card.FailureReason);
        return card.Report;
    }

    public static ScanReport Full() => Report([Tls10, Rdp, NoHsts, NoCsp, Spf, Dmarc]);

    /// <summary>Adds one completed scan whose report is <paramref name="report"/> (given the scan's report id); returns its job id.</summary>
    public static async Task<string> AddCompletedScanAsync(this WebAppFixture app, Guid organizationId, Guid domainId, DateTimeOffset finishedAt,
        Func<string, DateTimeOffset, ScanReport> report)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var scan = new Scan { DomainId = domainId, QueuedAt = finishedAt.AddMinutes(-2) };
            var content = report(scan.ReportId, finishedAt);
            scan.MarkRunning(finishedAt.AddSeconds(-75));
            scan.Complete(content.Score, ComplianceLayer.Domain.Reports.ReportJson.ValueOf(content.Grade),
                ComplianceLayer.Domain.Reports.ReportJson.ValueOf(content.RiskLevel), content.AlgorithmVersion,
                ComplianceLayer.Domain.Reports.ReportJson.Serialize(content), finishedAt);
            db.Scans.Add(scan);
            await db.SaveChangesAsync();
            return scan.JobId;
        }
    }

    public static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }
}
