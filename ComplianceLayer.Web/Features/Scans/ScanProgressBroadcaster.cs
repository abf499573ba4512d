using System.Text.Json;
using Npgsql;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>
/// Sends scan progress to every app node through PostgreSQL NOTIFY; each node's <see cref="ScanProgressListener"/>
/// hands it to its own <see cref="ScanProgressHub"/>. If NOTIFY fails, this node's pages still hear it.
/// </summary>
public sealed class ScanProgressBroadcaster(IConfiguration configuration, ScanProgressHub hub, ILogger<ScanProgressBroadcaster> logger)
{
    public const string Channel = "cl_scan_progress";

    private readonly string _connectionString = configuration.GetConnectionString("DefaultConnection")!;

    public async Task PublishAsync(ScanProgressEvent progress)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(progress));
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            logger.LogWarning(ex, "Could not broadcast scan progress; publishing on this node only");
            hub.Publish(progress);
        }
    }
}
