using System.Text.Json;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Web.Features.Api;
using ComplianceLayer.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace ComplianceLayer.Web.Features.Webhooks;

/// <summary>
/// Turns an event into one <see cref="WebhookDelivery"/> per subscribed, enabled endpoint of the current tenant and puts
/// each on the persistent Quartz queue (<see cref="WebhookDeliveryJob"/>). The payload of a scan event is the job status
/// document of GET /v1/scan/jobs/{job_id}, built by the same code.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<AppDbContext> dbFactory,
    ApiQueries queries,
    ISchedulerFactory schedulers,
    TimeProvider time)
{
    public const string TriggerGroup = "webhooks";

    /// <summary>The same serializer settings as the API's HTTP responses.</summary>
    internal static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Queues <paramref name="eventType"/> for the scan job; the tenant must be set to the scan's organization.</summary>
    public async Task<int> EnqueueForScanAsync(string jobId, string eventType, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpointIds = await db.WebhookEndpoints
            .Where(e => e.Enabled && e.Events.Contains(eventType))
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        if (endpointIds.Count == 0)
        {
            return 0;
        }
        var job = await queries.FindJobAsync(jobId, cancellationToken)
            ?? throw new InvalidOperationException($"Scan job {jobId} is not in the current organization.");
        var payload = JsonSerializer.Serialize(job, PayloadOptions);
        var eventId = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        var deliveries = endpointIds.Select(id => new WebhookDelivery
        {
            EndpointId = id,
            EventId = eventId,
            EventType = eventType,
            PayloadJson = payload,
            CreatedAt = now,
            NextAttemptAt = now,
        }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var delivery in deliveries)
        {
            await ScheduleAsync(delivery.Id, now, cancellationToken);
        }
        return deliveries.Count;
    }

    /// <summary>A <c>webhook.test</c> event: a sample job status document, to the one endpoint.</summary>
    public async Task<Guid> EnqueueTestAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sample = new ScanJobStatus("test_" + Guid.NewGuid().ToString("N")[..12], "completed", "example.com", null, null, null);
        var delivery = new WebhookDelivery
        {
            EndpointId = endpointId,
            EventId = Guid.CreateVersion7(),
            EventType = WebhookEvents.Test,
            PayloadJson = JsonSerializer.Serialize(sample, PayloadOptions),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync(cancellationToken);
        }
        await ScheduleAsync(delivery.Id, now, cancellationToken);
        return delivery.Id;
    }

    public async Task ScheduleAsync(Guid deliveryId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"webhook-{deliveryId:N}-{Guid.NewGuid():N}", TriggerGroup)
            .ForJob(WebhookDeliveryJob.Key)
            .UsingJobData(WebhookDeliveryJob.DeliveryIdKey, deliveryId.ToString())
            .StartAt(at)
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
    }
}
