using System.Text.Json;
using Npgsql;

namespace ComplianceLayer.Web.Features.Scans;

/// <summary>LISTENs for scan progress from all nodes (itself included) and fans it out to this node's pages.</summary>
public sealed class ScanProgressListener(IConfiguration configuration, ScanProgressHub hub, ILogger<ScanProgressListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("DefaultConnection")!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString + ";Keepalive=30");
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {ScanProgressBroadcaster.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning(ex, "Scan progress listener lost its connection; reconnecting in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private void Dispatch(string payload)
    {
        try
        {
            if (JsonSerializer.Deserialize<ScanProgressEvent>(payload) is { } progress)
            {
                hub.Publish(progress);
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed scan progress notification");
        }
    }
}
