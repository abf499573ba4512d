using System.Diagnostics;
using Npgsql;

namespace ComplianceLayer.Tests.Fixtures;

/// <summary>
/// The test PostgreSQL server: CL_TEST_PG when the test command set it, otherwise the private cluster that
/// scripts/pg-start.sh starts (so a plain `dotnet test` works too). Each test class gets its own database.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> BaseConnectionString = new(Resolve);

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var conn = new NpgsqlConnection(BaseConnectionString.Value + ";Database=postgres");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return BaseConnectionString.Value + $";Database={name};Include Error Detail=true";
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(BaseConnectionString.Value + ";Database=postgres");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Resolve()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CL_TEST_PG");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromEnv;
        }
        var script = Path.Combine(RepoPaths.Root, "scripts", "pg-start.sh");
        var psi = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg-start.sh failed ({process.ExitCode}): {errors}");
        }
        return output.Trim().Split('\n')[^1];
    }
}
