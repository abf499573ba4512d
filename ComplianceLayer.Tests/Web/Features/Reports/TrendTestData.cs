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
            await db.SaveChangesAsync();
            await app.AddCompletedScansAsync(organizationId, domain.Id, name, finishedAt);
            return domain.Id;
        }
    }

    /// <summary>Adds one completed scan per finish time to a domain; returns the scan ids.</summary>
    public static async Task<List<Guid>> AddCompletedScansAsync(this WebAppFixture app, Guid organizationId, Guid domainId, string name,
        IReadOnlyList<DateTimeOffset> finishedAt, int firstIndex = 0)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var ids = new List<Guid>();
            for (var i = firstIndex; i < firstIndex + finishedAt.Count; i++)
            {
                var at = finishedAt[i - firstIndex];
                var scan = new Scan { DomainId = domainId, QueuedAt = at.AddMinutes(-2) };
                var report = Report(name, scan.ReportId, at, i);
                scan.MarkRunning(at.AddMinutes(-1));
                scan.Complete(report.Score, ReportJson.ValueOf(report.Grade), ReportJson.ValueOf(report.RiskLevel),
                    report.AlgorithmVersion, ReportJson.Serialize(report), at);
                db.Scans.Add(scan);
                ids.Add(scan.Id);
            }
            await db.SaveChangesAsync();
            return ids;
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
