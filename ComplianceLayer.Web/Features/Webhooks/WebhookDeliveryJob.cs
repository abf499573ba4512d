using Quartz;

namespace ComplianceLayer.Web.Features.Webhooks;

/// <summary>
/// One attempt of one webhook delivery. Stored durably with RequestRecovery: an attempt cut short by a dying node is made
/// again (receivers de-duplicate with the ComplianceLayer-Delivery header). Retries are new triggers of this job.
/// </summary>
public sealed class WebhookDeliveryJob(IServiceScopeFactory scopes, ILogger<WebhookDeliveryJob> logger) : IJob
{
    public static readonly JobKey Key = new("webhook-delivery", WebhookDispatcher.TriggerGroup);
    public const string DeliveryIdKey = "deliveryId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(context.MergedJobDataMap.GetString(DeliveryIdKey), out var deliveryId))
        {
            logger.LogError("Webhook trigger {Trigger} has no delivery id", context.Trigger.Key);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDeliverer>().AttemptAsync(deliveryId, cancellationToken);
    }
}
