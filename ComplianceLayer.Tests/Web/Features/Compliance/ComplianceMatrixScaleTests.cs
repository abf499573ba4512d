using System.Diagnostics;
using ComplianceLayer.Domain.Compliance;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Clients;
using ComplianceLayer.Web.Features.Compliance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace ComplianceLayer.Tests.Web.Features.Compliance;

/// <summary>
/// The size: an organization with 1,000 domains (50 clients) and 50,000 completed scans with real reports. Checks that the
/// matrix, the drill-down, the CSV and the client page's queries stay correct at that size (only the latest scan counts) and writes
/// their timings to the test output; no assertion depends on time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ComplianceMatrixScaleTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Matrix_ThousandDomainsFiftyThousandScans_LatestScanPerDomainOnly_AllColumnsInCsv()
    {
        var owner = await app.NewOwnerAsync("Scale Org");
        var now = DateTimeOffset.UtcNow;
        var bad = ReportJson.Serialize(ComplianceTestData.Report("scale.test", "cl_rpt_scale_bad", now, SeededScan.Tls10));
        var good = ReportJson.Serialize(ComplianceTestData.Report("scale.test", "cl_rpt_scale_good", now, SeededScan.Clean));
        var seed = Stopwatch.StartNew();
        await app.QueryAsync(owner.Org, async db =>
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            object[] parameters = [new NpgsqlParameter("org", owner.Org), new NpgsqlParameter("bad", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = bad },
                new NpgsqlParameter("good", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = good }];
            // Every third domain's latest scan accepts TLS 1.0; every older scan of every domain does too, so an older scan
            // winning would show at once.
            return await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO clients ("Id", "OrganizationId", "Name", "CreatedAt", "UpdatedAt")
                SELECT gen_random_uuid(), @org, 'Client ' || lpad(i::text, 2, '0'), now(), now() FROM generate_series(0, 49) i;
                INSERT INTO domains ("Id", "OrganizationId", "ClientId", "Name", "DisplayName", "CreatedAt")
                SELECT gen_random_uuid(), @org, c."Id", 'd' || lpad(i::text, 4, '0') || '.scale.test', 'd' || lpad(i::text, 4, '0') || '.scale.test', now()
                FROM generate_series(0, 999) i
                JOIN (SELECT "Id", row_number() OVER (ORDER BY "Name") - 1 AS n FROM clients WHERE "OrganizationId" = @org) c ON c.n = i % 50;
                INSERT INTO scans ("Id", "OrganizationId", "DomainId", "JobId", "ReportId", "Status", "Trigger", "QueuedAt", "StartedAt",
                                   "FinishedAt", "Score", "Grade", "RiskLevel", "AlgorithmVersion", "Attempts", "ReportJson")
                SELECT gen_random_uuid(), @org, d."Id", 'cl_job_' || md5(d."Id"::text || n), 'cl_rpt_' || md5(n || d."Id"::text), 'Completed', 'Manual',
                       now() - make_interval(days => n, mins => 3), now() - make_interval(days => n, mins => 2), now() - make_interval(days => n),
                       90, 'A', 'low', 1, 1,
                       CASE WHEN n > 0 OR right(split_part(d."Name", '.', 1), 4)::int % 3 = 0 THEN @bad ELSE @good END
                FROM domains d CROSS JOIN generate_series(0, 49) n
                WHERE d."OrganizationId" = @org;
                ANALYZE scans; ANALYZE domains; ANALYZE clients;
                """, parameters);
        });
        output.WriteLine($"seeded 1,000 domains and 50,000 scans in {seed.ElapsedMilliseconds} ms");

        await using var scope = app.ScopeFor(owner);
        var matrix = scope.ServiceProvider.GetRequiredService<ComplianceMatrixQueries>();
        var soc2 = new MatrixQuery(ComplianceFrameworks.Soc2, MatrixMode.Domains);
        await matrix.GetAsync(soc2, CancellationToken.None);   // warm-up: connection, plan

        var watch = Stopwatch.StartNew();
        var page = await matrix.GetAsync(soc2, CancellationToken.None);
        output.WriteLine($"matrix, domains, first page of 20: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(1000, page.TotalColumns);
        Assert.Equal(1000, page.ScannedColumns);
        Assert.Equal(20, page.Columns.Count);
        Assert.All(page.Columns, c => Assert.Equal(ControlStatus.Fail, c.CellFor("CC6.7").Status));
        Assert.Equal("d0000.scale.test", page.Columns[0].Name);

        watch.Restart();
        var last = await matrix.GetAsync(soc2 with { Page = 49 }, CancellationToken.None);
        output.WriteLine($"matrix, domains, last page: {watch.ElapsedMilliseconds} ms");
        Assert.All(last.Columns, c => Assert.Equal(ControlStatus.Pass, c.CellFor("CC6.7").Status));

        watch.Restart();
        var clients = await matrix.GetAsync(soc2 with { Mode = MatrixMode.Clients }, CancellationToken.None);
        output.WriteLine($"matrix, clients, first page: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(50, clients.TotalColumns);
        Assert.All(clients.Columns, c => Assert.Equal(20, c.Domains));

        watch.Restart();
        var findings = await matrix.GetFindingsAsync(ComplianceFrameworks.Soc2, MatrixMode.Clients, clients.Columns[0].Id, "CC6.7", CancellationToken.None);
        output.WriteLine($"drill-down, one client: {watch.ElapsedMilliseconds} ms ({findings.Count} findings)");
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(ComplianceTestData.FailingCode, f.Code));

        watch.Restart();
        await using var writer = new StringWriter();
        await ComplianceCsv.WriteAsync(writer, ComplianceFrameworks.Soc2, MatrixMode.Domains, matrix.StreamColumnsAsync(soc2, CancellationToken.None), CancellationToken.None);
        output.WriteLine($"CSV, all 1,000 domains: {watch.ElapsedMilliseconds} ms, {writer.ToString().Length / 1024} KiB");
        var cc67 = writer.ToString().Split("\r\n").Single(l => l.StartsWith("CC6.7,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(3 + 1000, cc67.Length);
        Assert.Equal(334, cc67.Count(f => f == "fail"));

        var overview = scope.ServiceProvider.GetRequiredService<ClientOverviewQueries>();
        watch.Restart();
        var trend = await overview.GetTrendAsync(clients.Columns[0].Id, CancellationToken.None);
        var summary = await overview.GetComplianceSummaryAsync(clients.Columns[0].Id, CancellationToken.None);
        var domains = await overview.ListDomainsAsync(clients.Columns[0].Id, ClientDomainSort.Score, false, 0, 25, CancellationToken.None);
        output.WriteLine($"client page queries (trend, summary of 5 frameworks, domains page): {watch.ElapsedMilliseconds} ms");
        Assert.Equal(20, domains.TotalCount);
        Assert.InRange(trend.Count, 49, 51);
        Assert.Equal(2, summary[0].Fail);
    }
}
