using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Tests.Fixtures;

namespace ComplianceLayer.Tests.Web.Features.Compliance;

/// <summary>How a seeded scan turns out: every weighted module completed, with or without TLS 1.0 accepted.</summary>
internal enum SeededScan
{
    Clean,
    Tls10,
}

/// <summary>
/// Clients, domains and completed scans whose reports are real score cards (so their jsonb, including the compliance section, is what a
/// scan stores). TLS 1.0 accepted fails SOC 2 CC6.7 (direct) and CC6.1 (supporting).
/// </summary>
internal static class ComplianceTestData
{
    public const string FailingCode = "ssl.protocol.tls10_enabled";
    public const string FailingControl = "CC6.7";
    public const string Evidence = "ServerHello version 0x0301 to a TLS 1.0-only ClientHello";

    public static async Task<Guid> AddClientAsync(this WebAppFixture app, Guid organizationId, string name)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = name, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.Add(client);
            await db.SaveChangesAsync();
            return client.Id;
        }
    }

    /// <summary>Adds a domain to the client with one completed scan per entry, oldest first, a day apart, the last one hours ago.</summary>
    public static async Task<Guid> AddScannedDomainAsync(this WebAppFixture app, Guid organizationId, Guid clientId, string name,
        params SeededScan[] scans)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var domain = new MonitoredDomain { ClientId = clientId, Name = name, DisplayName = name };
            db.Add(domain);
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < scans.Length; i++)
            {
                var at = now.AddDays(i - scans.Length + 1).AddHours(-2);
                var scan = new Scan { DomainId = domain.Id, QueuedAt = at.AddMinutes(-2) };
                var report = Report(name, scan.ReportId, at, scans[i]);
                scan.MarkRunning(at.AddMinutes(-1));
                scan.Complete(report.Score, ReportJson.ValueOf(report.Grade), ReportJson.ValueOf(report.RiskLevel),
                    report.AlgorithmVersion, ReportJson.Serialize(report), at);
                db.Scans.Add(scan);
            }
            await db.SaveChangesAsync();
            return domain.Id;
        }
    }

    public static ScanReport Report(string domain, string reportId, DateTimeOffset scannedAt, SeededScan kind)
    {
        var outcomes = ScoringPolicy.Modules.Where(m => m.IsWeighted)
            .Select(m => m.Key != ModuleKeys.Ssl
                ? ModuleOutcome.Completed(m.Key, [])
                : kind switch
                {
                    SeededScan.Tls10 => ModuleOutcome.Completed(m.Key,
                        [new Issue(ModuleKeys.Ssl, FailingCode, Severity.High, "TLS 1.0 is accepted", "Disable TLS 1.0 and 1.1.", Evidence)]),
                    _ => ModuleOutcome.Completed(m.Key, []),
                })
            .ToList();
        var card = ScoreCard.Build(domain, reportId, scannedAt, outcomes);
        Assert.True(card.IsScored, card.FailureReason);
        return card.Report;
    }
}
