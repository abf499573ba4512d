using System.Globalization;
using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Scans;
using ComplianceLayer.Web.Features.Organizations;
using ComplianceLayer.Web.Features.Scans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>
/// <c>bench-queue --scans N --domain-suffix S</c> (with the app's settings): queues N scans of lab domains
/// (scan-1.S … scan-N.S, which the configured DNS must resolve) in a throw-away organization, runs them on this
/// node's Quartz, and prints throughput and queue latency (requested → running). Used by scripts/bench-queue.sh.
/// </summary>
public static class QueueBenchCommand
{
    public const string Verb = "bench-queue";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var scans = int.Parse(Option(args, "--scans") ?? "1000", CultureInfo.InvariantCulture);
        var suffix = Option(args, "--domain-suffix") ?? "bench.example.com";
        await app.StartAsync();
        try
        {
            var (organizationId, domainIds) = await ArrangeAsync(app.Services, scans, suffix);
            var started = DateTimeOffset.UtcNow;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var requests = scope.ServiceProvider.GetRequiredService<ScanRequests>();
                foreach (var domainId in domainIds)
                {
                    await requests.RequestForOrganizationAsync(organizationId, domainId, ScanTrigger.Api, null, CancellationToken.None);
                }
            }
            var finished = await WaitAsync(app.Services, organizationId, scans);
            var elapsed = finished.Max(s => s.FinishedAt!.Value) - started;
            var waits = finished.Select(s => (s.StartedAt!.Value - s.QueuedAt).TotalMilliseconds).ToList();
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c,
                $"{scans} scans, Quartz:MaxConcurrency {app.Configuration["Quartz:MaxConcurrency"]}: {elapsed.TotalSeconds:0.0} s, {scans / elapsed.TotalMinutes:0} scans/min, " +
                $"queue latency p50 {BenchCommand.Percentile(waits, 0.5):0} ms p95 {BenchCommand.Percentile(waits, 0.95):0} ms, " +
                $"{finished.Count(s => s.Status == ScanStatus.Failed)} failed"));
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<(Guid, List<Guid>)> ArrangeAsync(IServiceProvider services, int count, string suffix)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"bench-{Guid.NewGuid():N}@bench.invalid";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, $"Bench-{Guid.NewGuid():N}");
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        var organization = await scope.ServiceProvider.GetRequiredService<OrganizationOnboarding>()
            .CreateAsync(user, "Queue benchmark " + DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture), CancellationToken.None);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var client = new Client { Name = "Benchmark" };
        db.Clients.Add(client);
        var ids = new List<Guid>();
        for (var i = 1; i <= count; i++)
        {
            var name = $"scan-{i}.{suffix}";
            var domain = new MonitoredDomain { ClientId = client.Id, Name = name, DisplayName = name };
            db.Domains.Add(domain);
            ids.Add(domain.Id);
        }
        await db.SaveChangesAsync();
        return (organization.Id, ids);
    }

    private static async Task<List<Scan>> WaitAsync(IServiceProvider services, Guid organizationId, int count)
    {
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organizationId);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var done = await db.Scans.AsNoTracking().Where(s => s.Status == ScanStatus.Completed || s.Status == ScanStatus.Failed).ToListAsync();
            if (done.Count >= count)
            {
                return done;
            }
            await Task.Delay(500);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
