using System.Text;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Scanning.Net;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Webhooks;

/// <summary>
/// Makes one attempt: checks the URL again (scheme and target guard), POSTs the signed payload through the scanner's
/// <see cref="GuardedHttpClient"/> (checked address, no redirects, trusted certificate only), records the outcome and
/// schedules the next attempt with exponential backoff until the retry window closes.
/// </summary>
public sealed class WebhookDeliverer(
    IDbContextFactory<AppDbContext> dbFactory,
    TenantContext tenant,
    GuardedHttpClient http,
    WebhookUrlPolicy urls,
    WebhookSecrets secrets,
    WebhookDispatcher dispatcher,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliverer> logger)
{
    public async Task AttemptAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.IgnoreQueryFilters([AppDbContext.TenantFilter])
            .SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null || delivery.Status is WebhookDeliveryStatus.Succeeded or WebhookDeliveryStatus.Exhausted)
        {
            return; // endpoint deleted, or already settled (a duplicate trigger)
        }
        tenant.Set(delivery.OrganizationId);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        var now = time.GetUtcNow();
        if (endpoint is null || !endpoint.Enabled)
        {
            Settle(delivery, WebhookDeliveryStatus.Exhausted, null, "the endpoint is disabled; not sent");
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        delivery.Attempt++;
        var (statusCode, error, retry) = await SendAsync(endpoint, delivery, cancellationToken);
        now = time.GetUtcNow();
        if (statusCode is >= 200 and < 300)
        {
            Settle(delivery, WebhookDeliveryStatus.Succeeded, statusCode, null);
            delivery.DeliveredAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var next = now + options.Value.DelayAfter(delivery.Attempt);
        if (!retry || next > delivery.CreatedAt + options.Value.RetryWindow)
        {
            Settle(delivery, WebhookDeliveryStatus.Exhausted, statusCode, error);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Webhook delivery {Delivery} to {Url} gave up after {Attempts} attempts: {Error}",
                delivery.Id, endpoint.Url, delivery.Attempt, error);
            return;
        }
        Settle(delivery, WebhookDeliveryStatus.Failed, statusCode, error);
        delivery.NextAttemptAt = next;
        await db.SaveChangesAsync(cancellationToken);
        await dispatcher.ScheduleAsync(delivery.Id, next, CancellationToken.None);
    }

    private async Task<(int? StatusCode, string? Error, bool Retry)> SendAsync(
        WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        Uri url;
        try
        {
            url = urls.Parse(endpoint.Url);
        }
        catch (ValidationFailedException ex)
        {
            return (null, ex.Message, false);
        }
        var body = Encoding.UTF8.GetBytes(delivery.PayloadJson);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var request = new GuardedHttpRequest(url)
        {
            Method = HttpMethod.Post,
            Content = body,
            ContentType = "application/json",
            FollowRedirects = false,
            RequireTrustedCertificate = true,
            Timeout = options.Value.Timeout,
            MaxBodyBytes = 1024,
            Headers =
            [
                new(WebhookSignature.SignatureHeader, WebhookSignature.Header(secrets.Unprotect(endpoint.SecretEncrypted), timestamp, body)),
                new(WebhookSignature.EventHeader, delivery.EventType),
                new(WebhookSignature.DeliveryHeader, delivery.Id.ToString()),
            ],
        };
        try
        {
            // The guard checks every resolved address here too, not only at registration: DNS may have changed since.
            var response = await http.SendAsync(request, cancellationToken);
            return (response.StatusCode, response.StatusCode is >= 200 and < 300 ? null : $"HTTP {response.StatusCode}", true);
        }
        catch (ScanTargetRefusedException ex)
        {
            return (null, $"refused by the target guard: {ex.Reason}", false);
        }
        catch (ScanHostUnresolvedException)
        {
            return (null, $"{url.Host} does not resolve", true);
        }
        catch (TimeoutException ex)
        {
            return (null, ex.Message, true);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            return (null, ex.Message, true);
        }
    }

    private static void Settle(WebhookDelivery delivery, WebhookDeliveryStatus status, int? statusCode, string? error)
    {
        delivery.Status = status;
        delivery.LastStatusCode = statusCode;
        delivery.LastError = error is { Length: > WebhookDelivery.ErrorMaxLength } ? error[..WebhookDelivery.ErrorMaxLength] : error;
        delivery.NextAttemptAt = null;
    }
}
