using ComplianceLayer.Web.Features.ApiKeys;
using ComplianceLayer.Web.Features.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Infrastructure.Hosting;

/// <summary>Verbs of the web app's executable: <c>migrate</c>, <c>seed-demo</c>, <c>bench-queue</c>, <c>seed-bench</c>. Without a verb the app serves.</summary>
public static class CommandLine
{
    private static readonly string[] Verbs = ["migrate", "seed-demo", QueueBenchCommand.Verb, BenchSeedCommand.Verb];

    public static (string? Command, string[] HostArgs) Split(string[] args) =>
        args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal)
            ? (args[0], args[1..])
            : (null, args);

    public static async Task<int> RunAsync(WebApplication app, string command, string[] args)
    {
        if (command == QueueBenchCommand.Verb)
        {
            return await QueueBenchCommand.RunAsync(app, args);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        switch (command)
        {
            case "migrate":
                var db = services.GetRequiredService<AppDbContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                await db.Database.MigrateAsync();
                Console.WriteLine(pending.Count == 0
                    ? "Database is up to date."
                    : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
                return 0;
            case "seed-demo":
                var demo = await services.GetRequiredService<DemoTenantSeeder>().SeedAsync(CancellationToken.None);
                Console.WriteLine($"Demo organization \"{demo.OrganizationName}\": sign in as {demo.Email} with password {demo.Password}");
                if (app.Environment.IsDevelopment())
                {
                    // Keys are shown once, so each run makes a new one; try it with the README's curl example.
                    var key = await services.GetRequiredService<ApiKeyService>().CreateDemoKeyAsync(demo.OrganizationId, CancellationToken.None);
                    Console.WriteLine($"Demo API key (all scopes, shown once): {key}");
                }
                return 0;
            case BenchSeedCommand.Verb:
                return await BenchSeedCommand.RunAsync(services, args, services.GetRequiredService<TimeProvider>());
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Known: {string.Join(", ", Verbs)}.");
                return 2;
        }
    }
}
