using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Webhooks;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Webhooks;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Webhooks;

/// <summary>Registration rules, the secret at rest, roles and tenant isolation, with private networks refused.</summary>
[Trait("Category", "Integration")]
public sealed class WebhookServiceTests(WebhookGuardedAppFixture app) : IClassFixture<WebhookGuardedAppFixture>
{
    // A public address literal: passes the guard without DNS; nothing is sent to it (no scheduler runs here).
    private const string PublicUrl = "https://1.1.1.1/hooks/compliancelayer";

    private async Task<T> AsAsync<T>(TestMember member, Func<WebhookService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<WebhookService>());
    }

    private Task<WebhookCreated> CreateAsync(TestMember member, string url = PublicUrl) =>
        AsAsync(member, s => s.CreateAsync(new WebhookInput(url, [WebhookEvents.ScanCompleted, WebhookEvents.ScanFailed]), CancellationToken.None));

    [Theory]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://127.0.0.1:8443/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    public async Task Create_PrivateAddress_IsRefusedWhenPrivateNetworksAreNotAllowed(string url)
    {
        var owner = await app.NewOwnerAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(owner, url));

        Assert.Contains("not an allowed webhook target", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await app.QueryAsync(owner.Org, db => db.WebhookEndpoints.ToListAsync()));
    }

    [Fact]
    public async Task Create_NameResolvingToAPrivateAddress_IsRefused()
    {
        app.Dns.AddA("loopback-hook.example.com", "127.0.0.1");
        // A name with one public and one private address is refused as a whole.
        app.Dns.AddA("mixed-hook.example.com", "1.1.1.1").AddA("mixed-hook.example.com", "10.0.0.5");
        app.Dns.AddA("public-hook.example.com", "1.1.1.1");
        var owner = await app.NewOwnerAsync();

        var loopback = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(owner, "https://loopback-hook.example.com/hook"));
        var mixed = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(owner, "https://mixed-hook.example.com/hook"));
        var unresolvable = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(owner, "https://nowhere-hook.example.com/hook"));
        var allowed = await CreateAsync(owner, "https://public-hook.example.com/hook");

        Assert.Contains("not an allowed webhook target", loopback.Message, StringComparison.Ordinal);
        Assert.Contains("not an allowed webhook target", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("does not resolve", unresolvable.Message, StringComparison.Ordinal);
        Assert.Equal("https://public-hook.example.com/hook", Assert.Single(await AsAsync(owner, s => s.ListAsync(CancellationToken.None))).Url);
        Assert.Equal(allowed.Endpoint.Id, Assert.Single(await AsAsync(owner, s => s.ListAsync(CancellationToken.None))).Id);
    }

    [Fact]
    public void Backoff_DoublesFromTheBaseDelayUpToTheCap()
    {
        var options = new WebhookOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromSeconds(30), options.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(60), options.DelayAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(240), options.DelayAfter(4));
        Assert.Equal(TimeSpan.FromHours(1), options.DelayAfter(8));
        Assert.Equal(TimeSpan.FromHours(1), options.DelayAfter(500));
        Assert.Equal(TimeSpan.FromHours(24), new WebhookOptions().RetryWindow);
        Assert.False(new WebhookOptions().AllowHttp);
    }

    [Theory]
    [InlineData("http://1.1.1.1/hook", "https://")]
    [InlineData("ftp://1.1.1.1/hook", "https://")]
    [InlineData("/relative/hook", "absolute")]
    [InlineData("", "absolute")]
    [InlineData("https://user:pw@1.1.1.1/hook", "user name")]
    public async Task Create_InvalidUrl_IsRefused(string url, string messageContains)
    {
        var owner = await app.NewOwnerAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(owner, url));

        Assert.Contains(messageContains, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutOrUnknownEvent_IsRefused()
    {
        var owner = await app.NewOwnerAsync();
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(owner, s => s.CreateAsync(new WebhookInput(PublicUrl, []), CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(owner, s => s.CreateAsync(new WebhookInput(PublicUrl, ["scan.deleted"]), CancellationToken.None)));
    }

    [Fact]
    public async Task Create_ShowsSecretOnce_StoresItOnlyProtected_AndIsAudited()
    {
        var owner = await app.NewOwnerAsync();
        var admin = await app.NewMemberAsync(owner, OrganizationRole.Admin);

        var created = await CreateAsync(admin);

        Assert.StartsWith(WebhookEndpoint.SecretPrefix, created.Secret, StringComparison.Ordinal);
        Assert.True(created.Secret.Length >= WebhookEndpoint.SecretPrefix.Length + 43);
        var stored = await app.QueryAsync(owner.Org, db => db.WebhookEndpoints.AsNoTracking().SingleAsync());
        Assert.Equal(PublicUrl, stored.Url);
        Assert.DoesNotContain(created.Secret, stored.SecretEncrypted, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret[WebhookEndpoint.SecretPrefix.Length..], stored.SecretEncrypted, StringComparison.Ordinal);
        // Nothing in the row carries it in the clear, in any column.
        var rawRow = await app.QueryAsync(owner.Org, db => db.Database
            .SqlQuery<string>($"SELECT row_to_json(w)::text AS \"Value\" FROM webhook_endpoints w WHERE w.\"OrganizationId\" = {owner.Org}").SingleAsync());
        Assert.DoesNotContain(created.Secret[WebhookEndpoint.SecretPrefix.Length..], rawRow, StringComparison.Ordinal);
        // …but the app can recover it for signing.
        Assert.Equal(created.Secret, app.Services.GetRequiredService<WebhookSecrets>().Unprotect(stored.SecretEncrypted));

        var listed = Assert.Single(await AsAsync(owner, s => s.ListAsync(CancellationToken.None)));
        Assert.Equal(admin.Email, listed.CreatedBy);
        Assert.Equal([WebhookEvents.ScanCompleted, WebhookEvents.ScanFailed], listed.Events);
        var audit = Assert.Single(await app.AuditEventsAsync(owner.Org, "webhook.created"));
        Assert.DoesNotContain(created.Secret, audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableEnableTestAndDelete_ByOwner_WorkAndAreAudited()
    {
        var owner = await app.NewOwnerAsync();
        var created = await CreateAsync(owner);

        var disabled = await AsAsync(owner, s => s.SetEnabledAsync(created.Endpoint.Id, false, CancellationToken.None));
        Assert.False(disabled.Enabled);
        await AsAsync(owner, s => s.SetEnabledAsync(created.Endpoint.Id, true, CancellationToken.None));
        var deliveryId = await AsAsync(owner, s => s.SendTestAsync(created.Endpoint.Id, CancellationToken.None));
        var delivery = Assert.Single(await AsAsync(owner, s => s.ListDeliveriesAsync(created.Endpoint.Id, CancellationToken.None)));
        Assert.Equal(deliveryId, delivery.Id);
        Assert.Equal(WebhookEvents.Test, delivery.EventType);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);

        await AsAsync(owner, async s => { await s.DeleteAsync(created.Endpoint.Id, CancellationToken.None); return 0; });

        Assert.Empty(await AsAsync(owner, s => s.ListAsync(CancellationToken.None)));
        Assert.Empty(await app.QueryAsync(owner.Org, db => db.WebhookDeliveries.ToListAsync()));
        Assert.Single(await app.AuditEventsAsync(owner.Org, "webhook.disabled"));
        Assert.Single(await app.AuditEventsAsync(owner.Org, "webhook.enabled"));
        Assert.Single(await app.AuditEventsAsync(owner.Org, "webhook.test_sent"));
        Assert.Single(await app.AuditEventsAsync(owner.Org, "webhook.deleted"));
    }

    [Fact]
    public async Task CancellingAScan_QueuesScanFailedForSubscribedEndpointsOnly()
    {
        var owner = await app.NewOwnerAsync("Cancel Webhooks");
        var failedHook = await CreateAsync(owner);
        var completedOnly = await AsAsync(owner, s => s.CreateAsync(
            new WebhookInput("https://1.0.0.1/completed-only", [WebhookEvents.ScanCompleted]), CancellationToken.None));
        var disabled = await CreateAsync(owner, "https://1.0.0.1/disabled");
        await AsAsync(owner, s => s.SetEnabledAsync(disabled.Endpoint.Id, false, CancellationToken.None));
        var scan = await app.QueryAsync(owner.Org, async db =>
        {
            var client = new ComplianceLayer.Domain.Clients.Client { Name = "C" };
            var domain = new ComplianceLayer.Domain.Domains.MonitoredDomain { ClientId = client.Id, Name = "cancel.example.com", DisplayName = "cancel" };
            var queued = new ComplianceLayer.Domain.Scans.Scan { DomainId = domain.Id, QueuedAt = DateTimeOffset.UtcNow };
            db.AddRange(client, domain, queued);
            await db.SaveChangesAsync();
            return queued;
        });

        await using (var scope = app.ScopeFor(owner))
        {
            await scope.ServiceProvider.GetRequiredService<ComplianceLayer.Web.Features.Scans.ScanCancellation>()
                .CancelAsync(scan.Id, CancellationToken.None);
        }

        var delivery = Assert.Single(await app.QueryAsync(owner.Org, db => db.WebhookDeliveries.AsNoTracking().ToListAsync()));
        Assert.Equal(failedHook.Endpoint.Id, delivery.EndpointId);
        Assert.NotEqual(completedOnly.Endpoint.Id, delivery.EndpointId);
        Assert.Equal(WebhookEvents.ScanFailed, delivery.EventType);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        var payload = System.Text.Json.Nodes.JsonNode.Parse(delivery.PayloadJson)!;
        Assert.Equal(scan.JobId, payload["job_id"]!.GetValue<string>());
        Assert.Equal("failed", payload["status"]!.GetValue<string>());
        Assert.StartsWith("cancelled by", payload["failure_reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrganizationRole.Technician)]
    [InlineData(OrganizationRole.Viewer)]
    public async Task Manage_ByTechnicianOrViewer_IsDenied(OrganizationRole role)
    {
        var owner = await app.NewOwnerAsync();
        var created = await CreateAsync(owner);
        var member = await app.NewMemberAsync(owner, role);
        var id = created.Endpoint.Id;

        await Assert.ThrowsAsync<AccessDeniedException>(() => CreateAsync(member));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(member, s => s.ListAsync(CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(member, s => s.SetEnabledAsync(id, false, CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(member, s => s.ListDeliveriesAsync(id, CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(member, s => s.SendTestAsync(id, CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            AsAsync(member, async s => { await s.DeleteAsync(id, CancellationToken.None); return 0; }));
        Assert.True(Assert.Single(await AsAsync(owner, s => s.ListAsync(CancellationToken.None))).Enabled);
    }

    [Fact]
    public async Task EndpointsOfAnotherOrganization_AreInvisibleAndUntouchable()
    {
        var ownerA = await app.NewOwnerAsync("A");
        var created = await CreateAsync(ownerA);
        var ownerB = await app.NewOwnerAsync("B");
        var id = created.Endpoint.Id;

        Assert.Empty(await AsAsync(ownerB, s => s.ListAsync(CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(ownerB, async s => { await s.DeleteAsync(id, CancellationToken.None); return 0; }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync(ownerB, s => s.SetEnabledAsync(id, false, CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync(ownerB, s => s.ListDeliveriesAsync(id, CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync(ownerB, s => s.SendTestAsync(id, CancellationToken.None)));

        var stillThere = Assert.Single(await AsAsync(ownerA, s => s.ListAsync(CancellationToken.None)));
        Assert.True(stillThere.Enabled);
        Assert.Empty(await app.QueryAsync(ownerA.Org, db => db.WebhookDeliveries.ToListAsync()));
    }
}
