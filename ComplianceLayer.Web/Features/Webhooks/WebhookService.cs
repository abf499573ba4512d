using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Scanning.Net;
using ComplianceLayer.Web.Features.Audit;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplianceLayer.Web.Features.Webhooks;

/// <summary>
/// Registers, lists, enables/disables and deletes an organization's webhook endpoints (Admin and Owner, like API keys),
/// reads their delivery log and sends test events. The secret leaves this class once, in <see cref="WebhookCreated"/>;
/// the database holds it only protected with Data Protection.
/// </summary>
public sealed class WebhookService(
    CurrentMember currentMember,
    IDbContextFactory<AppDbContext> dbFactory,
    AuditLog audit,
    WebhookUrlPolicy urls,
    WebhookSecrets secrets,
    WebhookDispatcher dispatcher,
    TimeProvider time)
{
    public const int DeliveryLogSize = 100;

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from e in db.WebhookEndpoints.AsNoTracking()
            join u in db.Users on e.CreatedByUserId equals u.Id into creators
            from u in creators.DefaultIfEmpty()
            orderby e.CreatedAt descending
            select new { Endpoint = e, CreatedBy = u == null ? null : u.Email }).ToListAsync(cancellationToken);
        return rows.Select(r => ToRow(r.Endpoint, r.CreatedBy)).ToList();
    }

    public async Task<WebhookCreated> CreateAsync(WebhookInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var member = await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        var events = input.Events.Distinct(StringComparer.Ordinal).ToList();
        if (events.Count == 0)
        {
            throw new ValidationFailedException("Choose at least one event.");
        }
        if (events.FirstOrDefault(e => !WebhookEvents.IsSubscribable(e)) is { } unknown)
        {
            throw new ValidationFailedException($"Unknown event \"{unknown}\". Known: {string.Join(", ", WebhookEvents.Subscribable)}.");
        }
        var url = urls.Parse(input.Url);
        try
        {
            await urls.CheckTargetAsync(url, cancellationToken);
        }
        catch (WebhookTargetException ex)
        {
            throw new ValidationFailedException(ex.Message);
        }

        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Url = url.AbsoluteUri,
            Events = WebhookEvents.Subscribable.Where(events.Contains).ToList(),
            SecretEncrypted = secrets.Protect(secret),
            CreatedAt = time.GetUtcNow(),
            CreatedByUserId = member.UserId,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.WebhookEndpoints.Add(endpoint);
        audit.Record(db, member, "webhook.created", "webhook", endpoint.Id.ToString(),
            $"Registered webhook {endpoint.Url} for {string.Join(", ", endpoint.Events)}.");
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookCreated(ToRow(endpoint, member.Email), secret);
    }

    public async Task<WebhookEndpointRow> SetEnabledAsync(Guid endpointId, bool enabled, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await FindAsync(db, endpointId, cancellationToken);
        if (endpoint.Enabled != enabled)
        {
            endpoint.Enabled = enabled;
            audit.Record(db, member, enabled ? "webhook.enabled" : "webhook.disabled", "webhook", endpoint.Id.ToString(),
                $"{(enabled ? "Enabled" : "Disabled")} webhook {endpoint.Url}.");
            await db.SaveChangesAsync(cancellationToken);
        }
        var createdBy = await db.Users.Where(u => u.Id == endpoint.CreatedByUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return ToRow(endpoint, createdBy);
    }

    public async Task DeleteAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await FindAsync(db, endpointId, cancellationToken);
        db.WebhookEndpoints.Remove(endpoint); // deliveries cascade; their pending triggers find nothing and stop
        audit.Record(db, member, "webhook.deleted", "webhook", endpoint.Id.ToString(), $"Deleted webhook {endpoint.Url}.");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The endpoint's latest deliveries, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> ListDeliveriesAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await FindAsync(db, endpointId, cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == endpointId)
            .OrderByDescending(d => d.CreatedAt)
            .Take(DeliveryLogSize)
            .Select(d => new WebhookDeliveryRow(d.Id, d.EventId, d.EventType, d.Status, d.Attempt, d.LastStatusCode, d.LastError,
                d.CreatedAt, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Queues a <c>webhook.test</c> event for the endpoint (delivered like any other, with retries).</summary>
    public async Task<Guid> SendTestAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        var member = await currentMember.RequireAsync(Capability.ManageApiKeys, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var endpoint = await FindAsync(db, endpointId, cancellationToken);
            audit.Record(db, member, "webhook.test_sent", "webhook", endpoint.Id.ToString(), $"Sent a test event to webhook {endpoint.Url}.");
            await db.SaveChangesAsync(cancellationToken);
        }
        return await dispatcher.EnqueueTestAsync(endpointId, cancellationToken);
    }

    private static async Task<WebhookEndpoint> FindAsync(AppDbContext db, Guid endpointId, CancellationToken cancellationToken) =>
        // The tenant filter hides other organizations' endpoints: a foreign id is "not found".
        await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken)
        ?? throw new ValidationFailedException("That webhook does not exist.");

    private static WebhookEndpointRow ToRow(WebhookEndpoint e, string? createdBy) =>
        new(e.Id, e.Url, e.Events, e.Enabled, createdBy, e.CreatedAt);
}

/// <summary>Protects endpoint secrets at rest with ASP.NET Data Protection (keys in the database, shared by all nodes).</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ComplianceLayer.Webhooks.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}

public sealed class WebhookTargetException(string message) : Exception(message);

/// <summary>Which URLs may receive webhooks: absolute https (http only with Webhooks:AllowHttp), a host the scanner's guard allows.</summary>
public sealed class WebhookUrlPolicy(GuardedConnector connector, IOptions<WebhookOptions> options)
{
    public Uri Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.IsFile || url.IsUnc)
        {
            throw new ValidationFailedException("Enter the endpoint's absolute URL, e.g. https://example.com/hooks/compliancelayer.");
        }
        if (text.Length > WebhookEndpoint.UrlMaxLength)
        {
            throw new ValidationFailedException($"The URL is longer than {WebhookEndpoint.UrlMaxLength} characters.");
        }
        var httpAllowed = options.Value.AllowHttp && url.Scheme == Uri.UriSchemeHttp;
        if (url.Scheme != Uri.UriSchemeHttps && !httpAllowed)
        {
            throw new ValidationFailedException("The URL must start with https://.");
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new ValidationFailedException("The URL must not contain a user name or password.");
        }
        if (!string.IsNullOrEmpty(url.Fragment))
        {
            throw new ValidationFailedException("The URL must not contain a fragment (#…).");
        }
        return url;
    }

    /// <summary>Resolves the host and checks every address with the scanner's target guard.</summary>
    /// <exception cref="WebhookTargetException">Refused or unresolvable.</exception>
    public async Task CheckTargetAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            await connector.ResolveAndCheckAsync(url.IdnHost.Trim('[', ']'), cancellationToken);
        }
        catch (ScanTargetRefusedException ex)
        {
            throw new WebhookTargetException($"{url.Host} is not an allowed webhook target: {ex.Reason}.");
        }
        catch (ScanHostUnresolvedException)
        {
            throw new WebhookTargetException($"{url.Host} does not resolve to an address.");
        }
    }
}
