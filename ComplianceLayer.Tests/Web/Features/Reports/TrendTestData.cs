using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Tests.Fixtures;

namespace ComplianceLayer.Tests.Web.Features.Reports;

/// <summary>A domain with completed scans whose reports are real score cards.</summary>
internal static class TrendTestData
{
    /// <summary>Adds a client and a domain and one completed scan per finish time; scan i has i high findings in dns_email;
    /// the first scan did not test waf.</summary>
    public static async Task<Guid> SeedDomainWithScansAsync(this WebAppFixture app, Guid organizationId, string name,
        IReadOnlyList<DateTimeOffset> finishedAt)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = $"Client of {name}" };
            var domain = new MonitoredDomain { ClientId = client.Id, Name = name, DisplayName = name };
            db.AddRange(client, domain);
            for (var i = 0; i < finishedAt.Count; i++)
            {
                var scan = new Scan { DomainId = domain.Id, QueuedAt = finishedAt[i].AddMinutes(-2) };
                var report = Report(name, scan.ReportId, finishedAt[i], i);
                scan.MarkRunning(finishedAt[i].AddMinutes(-1));
                scan.Complete(report.Score, ReportJson.ValueOf(report.Grade), ReportJson.ValueOf(report.RiskLevel),
                    report.AlgorithmVersion, ReportJson.Serialize(report), finishedAt[i]);
                db.Scans.Add(scan);
            }
            await db.SaveChangesAsync();
            return domain.Id;
        }
    }

    public static ScanReport Report(string domain, string reportId, DateTimeOffset scannedAt, int dnsIssues)
    {
        var outcomes = ScoringPolicy.Modules.Where(m => m.IsWeighted)
            .Select(m => dnsIssues == 0 && m.Key == ModuleKeys.Waf ? ModuleOutcome.NotTested(m.Key, "Not run in this test scan") : ModuleOutcome.Completed(m.Key, m.Key == ModuleKeys.DnsEmail
                ? Enumerable.Range(0, dnsIssues).Select(n => new Issue(ModuleKeys.DnsEmail, "dns.test_issue", Severity.High, "A test issue",
                    "Fix it", $"evidence {n}", subject: $"s{n}")).ToList()
                : []))
            .ToList();
        var card = ScoreCard.Build(domain, reportId, scannedAt, outcomes);
        Assert.True(card.IsScored, card.FailureReason);
        return card.Report;
    }
}
