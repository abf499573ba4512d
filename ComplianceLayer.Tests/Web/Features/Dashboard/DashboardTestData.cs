using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Domain.Scoring;
using ComplianceLayer.Tests.Fixtures;

namespace ComplianceLayer.Tests.Web.Features.Dashboard;

/// <summary>Clients, domains and scans with chosen scores, for the dashboard's queries and pages.</summary>
internal static class DashboardTestData
{
    public static async Task<Guid> AddClientAsync(this WebAppFixture app, Guid organizationId, string name)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var client = new Client { Name = name };
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            return client.Id;
        }
    }

    /// <summary>A domain with one completed scan per (finished at, score), plus optionally a queued or running scan.</summary>
    public static async Task<Guid> AddScoredDomainAsync(this WebAppFixture app, Guid organizationId, Guid clientId, string name,
        IReadOnlyList<(DateTimeOffset FinishedAt, int Score)> scans, ScanStatus? active = null, DateTimeOffset? addedAt = null)
    {
        var (scope, db) = await app.DbForTenantAsync(organizationId);
        await using (scope)
        await using (db)
        {
            var domain = new MonitoredDomain { ClientId = clientId, Name = name, DisplayName = name, CreatedAt = addedAt ?? DateTimeOffset.UtcNow };
            db.Domains.Add(domain);
            foreach (var (finishedAt, score) in scans)
            {
                var scan = new Scan { DomainId = domain.Id, QueuedAt = finishedAt.AddMinutes(-2) };
                scan.MarkRunning(finishedAt.AddMinutes(-1));
                scan.Complete(score, ReportJson.ValueOf(GradeBands.GradeFor(score)), ReportJson.ValueOf(GradeBands.RiskLevelFor(score)),
                    ScoringPolicy.Version, $$"""{"domain": "{{name}}", "score": {{score}}}""", finishedAt);
                db.Scans.Add(scan);
            }
            if (active is { } status)
            {
                var scan = new Scan { DomainId = domain.Id, QueuedAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
                if (status == ScanStatus.Running)
                {
                    scan.MarkRunning(DateTimeOffset.UtcNow.AddMinutes(-1));
                }
                db.Scans.Add(scan);
            }
            await db.SaveChangesAsync();
            return domain.Id;
        }
    }
}
