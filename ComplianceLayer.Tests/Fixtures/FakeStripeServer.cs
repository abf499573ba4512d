using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplianceLayer.Tests.Fixtures;

/// <summary>A subscription as the fake Stripe holds it; tests change it to play Stripe's side.</summary>
public sealed record FakeSubscription(string Id, string CustomerId, string PriceId, string Status, DateTimeOffset PeriodEnd,
    DateTimeOffset? EndedAt = null, string? OrganizationId = null);

/// <summary>One request the app made to the fake, with its form-encoded body.</summary>
public sealed record FakeStripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? Authorization, string? StripeVersion);

/// <summary>
/// The few Stripe endpoints the app calls, on a loopback Kestrel port, answering with Stripe's real object shapes
/// (ids with prefixes, "object" names, lists with "data", the period end on subscription items as API 2025-03-31 and
/// later have it). Records every request. Also serves the pages that Checkout and Portal URLs point to.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentDictionary<string, FakeSubscription> Subscriptions { get; } = new();

    public ConcurrentQueue<FakeStripeRequest> Requests { get; } = new();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            var form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : new Dictionary<string, string>();
            Requests.Enqueue(new FakeStripeRequest(context.Request.Method, context.Request.Path.Value ?? "", form,
                context.Request.Headers.Authorization.ToString(), context.Request.Headers["Stripe-Version"].ToString()));
            await next(context);
        });
        _app.MapPost("/v1/customers", (HttpContext c) => Json(new JsonObject
        {
            ["id"] = "cus_" + NewId(),
            ["object"] = "customer",
            ["created"] = Now(),
            ["email"] = Form(c, "email"),
            ["name"] = Form(c, "name"),
            ["livemode"] = false,
            ["metadata"] = new JsonObject { ["organization_id"] = Form(c, "metadata[organization_id]") },
        }));
        _app.MapPost("/v1/checkout/sessions", (HttpContext c) =>
        {
            var id = "cs_test_" + NewId();
            return Json(new JsonObject
            {
                ["id"] = id,
                ["object"] = "checkout.session",
                ["mode"] = Form(c, "mode"),
                ["status"] = "open",
                ["payment_status"] = "unpaid",
                ["client_reference_id"] = Form(c, "client_reference_id"),
                ["customer"] = Form(c, "customer"),
                ["success_url"] = Form(c, "success_url"),
                ["cancel_url"] = Form(c, "cancel_url"),
                ["created"] = Now(),
                ["livemode"] = false,
                ["url"] = $"{BaseUrl}/checkout/{id}",
            });
        });
        _app.MapPost("/v1/billing_portal/sessions", (HttpContext c) =>
        {
            var id = "bps_" + NewId();
            return Json(new JsonObject
            {
                ["id"] = id,
                ["object"] = "billing_portal.session",
                ["customer"] = Form(c, "customer"),
                ["return_url"] = Form(c, "return_url"),
                ["created"] = Now(),
                ["livemode"] = false,
                ["url"] = $"{BaseUrl}/portal/{id}",
            });
        });
        _app.MapGet("/v1/subscriptions/{id}", (string id) =>
            Subscriptions.TryGetValue(id, out var s) ? Json(SubscriptionJson(s)) : Missing(id));
        _app.MapDelete("/v1/subscriptions/{id}", (string id) =>
        {
            if (!Subscriptions.TryGetValue(id, out var s))
            {
                return Missing(id);
            }
            var canceled = s with { Status = "canceled", EndedAt = DateTimeOffset.UtcNow };
            Subscriptions[id] = canceled;
            return Json(SubscriptionJson(canceled));
        });
        _app.MapGet("/checkout/{id}", (string id) => Results.Content($"<html><body><h1>Fake Stripe Checkout</h1><p id=\"session\">{id}</p></body></html>", "text/html"));
        _app.MapGet("/portal/{id}", (string id) => Results.Content($"<html><body><h1>Fake Stripe Portal</h1><p id=\"session\">{id}</p></body></html>", "text/html"));
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public IReadOnlyList<FakeStripeRequest> RequestsTo(string method, string pathPrefix) =>
        Requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>A subscription object exactly as Stripe's API returns it (the fields the app and Stripe.net read, and more).</summary>
    public static JsonObject SubscriptionJson(FakeSubscription s) => new()
    {
        ["id"] = s.Id,
        ["object"] = "subscription",
        ["customer"] = s.CustomerId,
        ["status"] = s.Status,
        ["cancel_at_period_end"] = false,
        ["canceled_at"] = s.EndedAt is { } c ? c.ToUnixTimeSeconds() : null,
        ["ended_at"] = s.EndedAt is { } e ? e.ToUnixTimeSeconds() : null,
        ["created"] = s.PeriodEnd.AddMonths(-1).ToUnixTimeSeconds(),
        ["start_date"] = s.PeriodEnd.AddMonths(-1).ToUnixTimeSeconds(),
        ["currency"] = "usd",
        ["livemode"] = false,
        ["collection_method"] = "charge_automatically",
        ["metadata"] = s.OrganizationId is null ? new JsonObject() : new JsonObject { ["organization_id"] = s.OrganizationId },
        ["items"] = new JsonObject
        {
            ["object"] = "list",
            ["has_more"] = false,
            ["url"] = $"/v1/subscription_items?subscription={s.Id}",
            ["data"] = new JsonArray(new JsonObject
            {
                ["id"] = "si_" + s.Id[4..],
                ["object"] = "subscription_item",
                ["subscription"] = s.Id,
                ["quantity"] = 1,
                ["created"] = s.PeriodEnd.AddMonths(-1).ToUnixTimeSeconds(),
                ["current_period_start"] = s.PeriodEnd.AddMonths(-1).ToUnixTimeSeconds(),
                ["current_period_end"] = s.PeriodEnd.ToUnixTimeSeconds(),
                ["metadata"] = new JsonObject(),
                ["price"] = new JsonObject
                {
                    ["id"] = s.PriceId,
                    ["object"] = "price",
                    ["active"] = true,
                    ["currency"] = "usd",
                    ["unit_amount"] = 4900,
                    ["type"] = "recurring",
                    ["product"] = "prod_" + s.PriceId,
                    ["recurring"] = new JsonObject { ["interval"] = "month", ["interval_count"] = 1, ["usage_type"] = "licensed" },
                },
            }),
        },
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    private static IResult Missing(string id) => Results.Text(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = "resource_missing",
            ["message"] = $"No such subscription: '{id}'",
            ["param"] = "id",
            ["type"] = "invalid_request_error",
        },
    }.ToJsonString(), "application/json", statusCode: StatusCodes.Status404NotFound);

    private static string? Form(HttpContext context, string key) =>
        context.Request.HasFormContentType && context.Request.Form.TryGetValue(key, out var value) ? value.ToString() : null;

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string NewId() => Guid.NewGuid().ToString("N")[..14];
}

/// <summary>Stripe webhook events built in Stripe's real shape and signed with Stripe's scheme (t=…,v1=HMAC-SHA256(secret, t.body)).</summary>
public static class StripeTestEvents
{
    public static string Event(string type, JsonObject data, string? id = null) => new JsonObject
    {
        ["id"] = id ?? "evt_" + Guid.NewGuid().ToString("N")[..20],
        ["object"] = "event",
        ["api_version"] = "2026-10-28.endive",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString();

    public static JsonObject CheckoutSession(Guid organizationId, string customerId, string subscriptionId) => new()
    {
        ["id"] = "cs_test_" + Guid.NewGuid().ToString("N")[..14],
        ["object"] = "checkout.session",
        ["mode"] = "subscription",
        ["status"] = "complete",
        ["payment_status"] = "paid",
        ["client_reference_id"] = organizationId.ToString(),
        ["customer"] = customerId,
        ["subscription"] = subscriptionId,
        ["livemode"] = false,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    };

    public static JsonObject Invoice(string invoiceId, string customerId, string subscriptionId, string status, long amount, DateTimeOffset periodStart, DateTimeOffset periodEnd) => new()
    {
        ["id"] = invoiceId,
        ["object"] = "invoice",
        ["customer"] = customerId,
        ["currency"] = "usd",
        ["amount_due"] = amount,
        ["amount_paid"] = status == "paid" ? amount : 0,
        ["amount_remaining"] = status == "paid" ? 0 : amount,
        ["status"] = status,
        ["billing_reason"] = "subscription_cycle",
        ["created"] = periodStart.ToUnixTimeSeconds(),
        ["period_start"] = periodStart.ToUnixTimeSeconds(),
        ["period_end"] = periodStart.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["customer_email"] = "owner@example.test",
        ["parent"] = new JsonObject
        {
            ["type"] = "subscription_details",
            ["quote_details"] = null,
            ["subscription_details"] = new JsonObject { ["subscription"] = subscriptionId, ["metadata"] = new JsonObject() },
        },
        ["lines"] = new JsonObject
        {
            ["object"] = "list",
            ["has_more"] = false,
            ["url"] = $"/v1/invoices/{invoiceId}/lines",
            ["data"] = new JsonArray(new JsonObject
            {
                ["id"] = "il_" + Guid.NewGuid().ToString("N")[..14],
                ["object"] = "line_item",
                ["amount"] = amount,
                ["currency"] = "usd",
                ["period"] = new JsonObject { ["start"] = periodStart.ToUnixTimeSeconds(), ["end"] = periodEnd.ToUnixTimeSeconds() },
                ["quantity"] = 1,
            }),
        },
    };

    public static string Sign(string payload, string secret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        using var hmac = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.UTF8.GetBytes(secret));
        var signature = Convert.ToHexStringLower(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(
            timestamp.ToString(CultureInfo.InvariantCulture) + "." + payload)));
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={signature}";
    }
}
