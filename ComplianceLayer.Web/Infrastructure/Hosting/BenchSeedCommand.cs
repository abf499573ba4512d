using System.Globalization;
using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Reports;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Features.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>
/// <c>seed-bench [--domains 1000] [--clients 50] [--scans 50000] [--email E] [--password P]</c>: a new organization whose
/// Owner is E, with the clients, domains and completed scans (real report JSON and finding rows, written with binary
/// COPY) that the UI benchmark renders. About 3% of the domains are never scanned and 5% were last scanned over a month
/// ago. Prints the login and one domain id. Used by scripts/bench-ui.sh; run it on a throw-away database.
/// </summary>
public static class BenchSeedCommand
{
    public const string Verb = "seed-bench";

    private const int DomainsPerBatch = 50;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TimeProvider time)
    {
        var domainCount = int.Parse(Option(args, "--domains") ?? "1000", CultureInfo.InvariantCulture);
        var clientCount = int.Parse(Option(args, "--clients") ?? "50", CultureInfo.InvariantCulture);
        var scanCount = int.Parse(Option(args, "--scans") ?? "50000", CultureInfo.InvariantCulture);
        var email = Option(args, "--email") ?? "bench@bench.invalid";
        var password = Option(args, "--password") ?? "Bench-Password-2026!";
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = now };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join("; ", created.Errors.Select(e => e.Description)));
            return 1;
        }
        var organization = await services.GetRequiredService<OrganizationOnboarding>().CreateAsync(user, "Benchmark MSP", CancellationToken.None);
        services.GetRequiredService<TenantContext>().Set(organization.Id);

        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var clients = Enumerable.Range(1, clientCount)
            .Select(i => new Client { Name = string.Create(CultureInfo.InvariantCulture, $"Client {i:000}"), CreatedAt = now, UpdatedAt = now })
            .ToList();
        var domains = Enumerable.Range(1, domainCount)
            .Select(i => new MonitoredDomain
            {
                ClientId = clients[i % clientCount].Id,
                Name = string.Create(CultureInfo.InvariantCulture, $"site-{i:0000}.bench.example"),
                DisplayName = string.Create(CultureInfo.InvariantCulture, $"site-{i:0000}.bench.example"),
                CreatedAt = now.AddDays(-200),
            })
            .ToList();
        db.Clients.AddRange(clients);
        db.Domains.AddRange(domains);
        await db.SaveChangesAsync();

        var scanned = domains.Where((_, i) => i % 33 != 32).ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var written = 0;
        for (var b = 0; b < scanned.Count; b += DomainsPerBatch)
        {
            // Building the reports is the costly part: one domain's history per core.
            var scans = scanned.Skip(b).Take(DomainsPerBatch).Select((d, j) => (Domain: d, Index: b + j))
                .AsParallel().AsOrdered()
                .SelectMany(x => History(x.Domain, x.Index, ScansFor(x.Index, scanned.Count, scanCount), now).ToList())
                .ToList();
            await CopyAsync(connection, organization.Id, scans, now);
            written += scans.Count;
        }
        var elapsed = time.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {clientCount} clients, {domainCount} domains, {written} completed scans in {elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine($"bench-login: {email} {password}");
        Console.WriteLine($"bench-domain: {scanned[0].Id}");
        return 0;
    }

    private static int ScansFor(int index, int domains, int scans) => scans / domains + (index < scans % domains ? 1 : 0);

    private sealed record SeedScan(Guid DomainId, string JobId, string ReportId, DateTimeOffset FinishedAt, ScanReport Report);

    /// <summary>One domain's scans, every 3 days back from its last one (5% of domains stopped 35–90 days ago).</summary>
    private static IEnumerable<SeedScan> History(MonitoredDomain domain, int index, int count, DateTimeOffset now)
    {
        var random = new Random(index * 7919 + 17);
        var last = index % 20 == 7 ? now.AddDays(-35 - random.Next(55)) : now.AddHours(-random.Next(1, 24 * 7));
        var present = BenchReports.InitialIssues(random, random.NextDouble());
        for (var n = count - 1; n >= 0; n--)
        {
            BenchReports.Drift(random, present);
            var finished = last.AddDays(-3 * n).AddMinutes(random.Next(60));
            var reportId = ScanIds.NewReportId();
            yield return new SeedScan(domain.Id, ScanIds.NewJobId(), reportId, finished, BenchReports.Build(domain.Name, reportId, finished, present));
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Guid organizationId, List<SeedScan> scans, DateTimeOffset now)
    {
        var ids = scans.Select(_ => Guid.CreateVersion7()).ToList();
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY scans ("Id", "OrganizationId", "DomainId", "JobId", "ReportId", "Status", "Trigger", "QueuedAt", "StartedAt", "FinishedAt", "Score", "Grade", "RiskLevel", "AlgorithmVersion", "Attempts", "RunBy", "ReportJson") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < scans.Count; i++)
            {
                var s = scans[i];
                await writer.StartRowAsync();
                await writer.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                await writer.WriteAsync(organizationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(s.DomainId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(s.JobId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(s.ReportId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(nameof(ScanStatus.Completed), NpgsqlDbType.Varchar);
                await writer.WriteAsync(nameof(ScanTrigger.Schedule), NpgsqlDbType.Varchar);
                await writer.WriteAsync(s.FinishedAt.AddMinutes(-4).UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(s.FinishedAt.AddMinutes(-3).UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(s.FinishedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(s.Report.Score, NpgsqlDbType.Integer);
                await writer.WriteAsync(ReportJson.ValueOf(s.Report.Grade), NpgsqlDbType.Varchar);
                await writer.WriteAsync(ReportJson.ValueOf(s.Report.RiskLevel), NpgsqlDbType.Varchar);
                await writer.WriteAsync(s.Report.AlgorithmVersion, NpgsqlDbType.Integer);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync("seed-bench", NpgsqlDbType.Varchar);
                await writer.WriteAsync(ReportJson.Serialize(s.Report), NpgsqlDbType.Jsonb);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY findings ("OrganizationId", "ScanId", "DomainId", "Code", "Fingerprint", "Module", "Severity", "Title", "CreatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < scans.Count; i++)
            {
                foreach (var issue in scans[i].Report.Issues)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(organizationId, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                    await writer.WriteAsync(scans[i].DomainId, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(issue.Code, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(issue.Fingerprint, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(issue.Module, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(issue.Severity.ToString(), NpgsqlDbType.Varchar);
                    await writer.WriteAsync(issue.Finding, NpgsqlDbType.Varchar);
                    await writer.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
                }
            }
            await writer.CompleteAsync();
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
