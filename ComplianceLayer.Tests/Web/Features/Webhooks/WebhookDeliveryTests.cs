using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Tests.Scanning.Net;
using ComplianceLayer.Tests.Web.Features.Api;
using ComplianceLayer.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Webhooks;

/// <summary>Deliveries end to end: Quartz runs the attempts, a loopback receiver checks what arrives.</summary>
[Trait("Category", "Integration")]
public sealed class WebhookDeliveryTests(WebhookDeliveryAppFixture app) : IClassFixture<WebhookDeliveryAppFixture>
{
    private async Task<WebhookCreated> RegisterAsync(TestMember owner, Uri url, params string[] events)
    {
        await using var scope = app.ScopeFor(owner);
        return await scope.ServiceProvider.GetRequiredService<WebhookService>()
            .CreateAsync(new WebhookInput(url.AbsoluteUri, events), CancellationToken.None);
    }

    /// <summary>The receiver's own check of the documented scheme, written independently of the app's code.</summary>
    private static void AssertSigned(TestHttpRequest request, string secret)
    {
        var header = request.Headers["ComplianceLayer-Signature"];
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t, -5, 120);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signed = Encoding.UTF8.GetBytes(t.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".").Concat(request.Body!).ToArray();
        var expected = Convert.ToHexString(hmac.ComputeHash(signed)).ToLowerInvariant();
        Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"])),
            $"bad signature {header}");
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ScanCompleted_ReceiverGetsSignedJobStatusDocument()
    {
        var received = new ConcurrentQueue<TestHttpRequest>();
        await using var receiver = new LoopbackHttpServer(r =>
        {
            received.Enqueue(r);
            return TestHttpResponse.Text("ok");
        });
        app.Dns.AddA("webhook-flow.example.com", "127.77.0.2");
        var owner = await app.NewOwnerAsync("Webhook Flow");
        var webhook = await RegisterAsync(owner, receiver.Url("/hooks/cl"), WebhookEvents.ScanCompleted);
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);

        var post = await http.PostAsJsonAsync("/v1/scan", new { domain = "webhook-flow.example.com" });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var jobId = JsonNode.Parse(await post.Content.ReadAsStringAsync())!["job_id"]!.GetValue<string>();

        var request = await WaitForAsync(() => Task.FromResult(received.FirstOrDefault()), TimeSpan.FromSeconds(90), "the webhook");

        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/cl", request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("scan.completed", request.Headers["ComplianceLayer-Event"]);
        AssertSigned(request, webhook.Secret);
        var body = JsonNode.Parse(request.Body!)!;
        var document = JsonNode.Parse(await http.GetStringAsync($"/v1/scan/jobs/{jobId}"))!;
        Assert.Equal("completed", document["status"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(document, body), $"webhook body differs from the job status document:\n{body}\n{document}");

        var deliveryId = Guid.Parse(request.Headers["ComplianceLayer-Delivery"]);
        var delivery = await WaitForAsync(async () => await app.QueryAsync(owner.Org, db => db.WebhookDeliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.Succeeded)), TimeSpan.FromSeconds(10), "the delivery log");
        Assert.Equal(200, delivery.LastStatusCode);
        Assert.Equal(1, delivery.Attempt);
        Assert.NotNull(delivery.DeliveredAt);
        Assert.Single(received);
    }

    [Fact]
    public async Task ScanFailed_GoesOnlyToEndpointsSubscribedToIt_WithTheFailureReason()
    {
        var received = new ConcurrentQueue<TestHttpRequest>();
        await using var failedReceiver = new LoopbackHttpServer(r =>
        {
            received.Enqueue(r);
            return TestHttpResponse.Text("ok");
        });
        var completedOnly = new ConcurrentQueue<TestHttpRequest>();
        await using var completedReceiver = new LoopbackHttpServer(r =>
        {
            completedOnly.Enqueue(r);
            return TestHttpResponse.Text("ok");
        });
        var owner = await app.NewOwnerAsync("Webhook Failed");
        var webhook = await RegisterAsync(owner, failedReceiver.Url("/failed"), WebhookEvents.ScanFailed);
        await RegisterAsync(owner, completedReceiver.Url("/completed"), WebhookEvents.ScanCompleted);
        var key = await app.CreateKeyAsync(owner);
        using var http = app.ClientWith(key.Key);

        // Not in the loopback DNS: the scan fails.
        var post = await http.PostAsJsonAsync("/v1/scan", new { domain = "webhook-nowhere.example.com" });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var jobId = JsonNode.Parse(await post.Content.ReadAsStringAsync())!["job_id"]!.GetValue<string>();

        var request = await WaitForAsync(() => Task.FromResult(received.FirstOrDefault()), TimeSpan.FromSeconds(90), "the scan.failed webhook");

        Assert.Equal("scan.failed", request.Headers["ComplianceLayer-Event"]);
        AssertSigned(request, webhook.Secret);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal(jobId, body["job_id"]!.GetValue<string>());
        Assert.Equal("failed", body["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["failure_reason"]?.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await http.GetStringAsync($"/v1/scan/jobs/{jobId}")), body));
        await Task.Delay(500);
        Assert.Empty(completedOnly);
    }

    [Fact]
    public async Task Receiver_FailingTwiceThenSucceeding_GetsTheEventOnTheThirdTry()
    {
        var received = new ConcurrentQueue<TestHttpRequest>();
        var calls = 0;
        await using var receiver = new LoopbackHttpServer(r =>
        {
            received.Enqueue(r);
            return Interlocked.Increment(ref calls) <= 2 ? new TestHttpResponse(500, [], "boom"u8.ToArray()) : TestHttpResponse.Text("ok");
        });
        var owner = await app.NewOwnerAsync("Webhook Retry");
        var webhook = await RegisterAsync(owner, receiver.Url("/retry"), WebhookEvents.ScanCompleted, WebhookEvents.ScanFailed);
        var scan = await app.ArrangeCompletedScanAsync(owner.Org, "retry.example.com", TimeSpan.FromMinutes(1));

        var (scope, db) = await app.DbForTenantAsync(owner.Org);
        await using (scope)
        await using (db)
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>()
                .EnqueueForScanAsync(scan.JobId, WebhookEvents.ScanCompleted, CancellationToken.None));
        }

        var delivery = await WaitForAsync(async () => await app.QueryAsync(owner.Org, db => db.WebhookDeliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.EndpointId == webhook.Endpoint.Id && d.Status == WebhookDeliveryStatus.Succeeded)),
            TimeSpan.FromSeconds(30), "the third attempt");

        Assert.Equal(3, delivery.Attempt);
        Assert.Equal(200, delivery.LastStatusCode);
        Assert.Null(delivery.LastError);
        Assert.Equal(3, received.Count);
        Assert.All(received, r =>
        {
            Assert.Equal(delivery.Id.ToString(), r.Headers["ComplianceLayer-Delivery"]);
            AssertSigned(r, webhook.Secret);
        });
        var body = JsonNode.Parse(received.Last().Body!)!;
        Assert.Equal(scan.JobId, body["job_id"]!.GetValue<string>());
        Assert.Equal("completed", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task HttpsReceiver_WithAnUntrustedCertificate_GetsNothing()
    {
        using var certificate = TestCertificates.Leaf(["untrusted-hook.example.com"], selfSigned: true);
        var received = new ConcurrentQueue<TestHttpRequest>();
        await using var receiver = new LoopbackHttpServer(r =>
        {
            received.Enqueue(r);
            return TestHttpResponse.Text("ok");
        }, certificate: certificate);
        app.Dns.AddA("untrusted-hook.example.com", "127.0.0.1");
        var owner = await app.NewOwnerAsync("Webhook TLS");
        var webhook = await RegisterAsync(owner, new Uri($"https://untrusted-hook.example.com:{receiver.Port}/hook"), WebhookEvents.ScanCompleted);
        Guid deliveryId;
        await using (var scope = app.ScopeFor(owner))
        {
            deliveryId = await scope.ServiceProvider.GetRequiredService<WebhookService>().SendTestAsync(webhook.Endpoint.Id, CancellationToken.None);
        }

        var delivery = await WaitForAsync(async () => await app.QueryAsync(owner.Org, db => db.WebhookDeliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == deliveryId && d.Attempt >= 1 && d.LastError != null)), TimeSpan.FromSeconds(20), "the first attempt");

        Assert.Contains("not trusted", delivery.LastError, StringComparison.Ordinal);
        Assert.Null(delivery.LastStatusCode);
        Assert.Empty(received);
    }

    [Fact]
    public async Task Receiver_AlwaysFailing_IsRetriedWithGrowingDelaysAndLogsTheStatusCode()
    {
        var received = new ConcurrentQueue<DateTime>();
        await using var receiver = new LoopbackHttpServer(_ =>
        {
            received.Enqueue(DateTime.UtcNow);
            return new TestHttpResponse(503, [], []);
        });
        var owner = await app.NewOwnerAsync("Webhook Failing");
        var webhook = await RegisterAsync(owner, receiver.Url("/down"), WebhookEvents.ScanCompleted);
        Guid deliveryId;
        await using (var scope = app.ScopeFor(owner))
        {
            deliveryId = await scope.ServiceProvider.GetRequiredService<WebhookService>().SendTestAsync(webhook.Endpoint.Id, CancellationToken.None);
        }

        await WaitForAsync(() => Task.FromResult(received.Count >= 3 ? received : null), TimeSpan.FromSeconds(30), "three attempts");
        var delivery = await app.QueryAsync(owner.Org, db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId));

        Assert.Equal(WebhookEvents.Test, delivery.EventType);
        Assert.Equal(503, delivery.LastStatusCode);
        Assert.Contains(delivery.Status, new[] { WebhookDeliveryStatus.Failed, WebhookDeliveryStatus.Pending });
        var times = received.Take(3).ToList();
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(150), $"first retry after {times[1] - times[0]}");
        Assert.True(times[2] - times[1] >= TimeSpan.FromMilliseconds(350), $"second retry after {times[2] - times[1]}");
    }
}
