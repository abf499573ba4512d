using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.ApiKeys;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Features.Api;

[Trait("Category", "Integration")]
public sealed class ApiKeyServiceTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<T> AsAsync<T>(TestMember member, Func<ApiKeyService, Task<T>> action)
    {
        await using var scope = app.ScopeFor(member);
        return await action(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }

    [Theory]
    [InlineData(OrganizationRole.Technician)]
    [InlineData(OrganizationRole.Viewer)]
    public async Task Manage_ByTechnicianOrViewer_IsDenied(OrganizationRole role)
    {
        var owner = await app.NewOwnerAsync();
        var key = await app.CreateKeyAsync(owner);
        var member = await app.NewMemberAsync(owner, role);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            AsAsync(member, s => s.CreateAsync(new ApiKeyInput("x", [ApiScopes.ScanRead], null), CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(member, s => s.ListAsync(CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(member, s => s.RevokeAsync(key.Row.Id, CancellationToken.None)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync(member, s => s.ListRequestsAsync(new ApiLogQuery(), CancellationToken.None)));
    }

    [Fact]
    public async Task CreateAndRevoke_ByAdmin_AreAuditedAndListed()
    {
        var owner = await app.NewOwnerAsync();
        var admin = await app.NewMemberAsync(owner, OrganizationRole.Admin);

        var created = await AsAsync(admin, s => s.CreateAsync(
            new ApiKeyInput("  PSA  ", [ApiScopes.ReportsRead, ApiScopes.ScanRead], DateTimeOffset.UtcNow.AddDays(30)), CancellationToken.None));
        var revoked = await AsAsync(admin, s => s.RevokeAsync(created.Row.Id, CancellationToken.None));

        Assert.Equal("PSA", created.Row.Name);
        Assert.Equal([ApiScopes.ScanRead, ApiScopes.ReportsRead], created.Row.Scopes);
        Assert.Equal(ApiKeyStatus.Active, created.Row.Status);
        Assert.Equal(ApiKeyStatus.Revoked, revoked.Status);
        var listed = Assert.Single(await AsAsync(owner, s => s.ListAsync(CancellationToken.None)));
        Assert.Equal(admin.Email, listed.CreatedBy);
        Assert.Equal(ApiKeyStatus.Revoked, listed.Status);
        Assert.StartsWith("cl_", listed.DisplayPrefix, StringComparison.Ordinal);
        var audit = await app.AuditEventsAsync(owner.Org, "api_key.created");
        Assert.Contains(created.Row.DisplayPrefix, Assert.Single(audit).Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key, Assert.Single(audit).Summary, StringComparison.Ordinal);
        Assert.Single(await app.AuditEventsAsync(owner.Org, "api_key.revoked"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync(admin, s => s.RevokeAsync(created.Row.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Create_WithoutNameOrScopeOrWithPastExpiry_IsRefused()
    {
        var owner = await app.NewOwnerAsync();
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(owner, s => s.CreateAsync(new ApiKeyInput(" ", [ApiScopes.ScanRead], null), CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(owner, s => s.CreateAsync(new ApiKeyInput("k", [], null), CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(owner, s => s.CreateAsync(new ApiKeyInput("k", ["admin:all"], null), CancellationToken.None)));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAsync(owner, s => s.CreateAsync(new ApiKeyInput("k", [ApiScopes.ScanRead], DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None)));
    }

    [Fact]
    public async Task KeysAndRequestLogs_OfAnotherOrganization_AreInvisibleAndCannotBeRevoked()
    {
        var ownerA = await app.NewOwnerAsync("A");
        var keyA = await app.CreateKeyAsync(ownerA);
        await app.QueryAsync(ownerA.Org, async db =>
        {
            db.ApiRequestLogs.Add(new ApiRequestLog { ApiKeyId = keyA.Row.Id, Method = "GET", Path = "/v1/domains", StatusCode = 200, OccurredAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var ownerB = await app.NewOwnerAsync("B");

        Assert.Empty(await AsAsync(ownerB, s => s.ListAsync(CancellationToken.None)));
        Assert.Equal(0, (await AsAsync(ownerB, s => s.ListRequestsAsync(new ApiLogQuery(), CancellationToken.None))).TotalCount);
        Assert.Equal(0, (await AsAsync(ownerB, s => s.ListRequestsAsync(new ApiLogQuery(ApiKeyId: keyA.Row.Id), CancellationToken.None))).TotalCount);
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync(ownerB, s => s.RevokeAsync(keyA.Row.Id, CancellationToken.None)));
        Assert.Null(await app.QueryAsync(ownerA.Org, db => db.ApiKeys.Where(k => k.Id == keyA.Row.Id).Select(k => k.RevokedAt).SingleAsync()));
        var own = await AsAsync(ownerA, s => s.ListRequestsAsync(new ApiLogQuery(StatusCode: 200, Path: "domains"), CancellationToken.None));
        Assert.Equal("/v1/domains", Assert.Single(own.Items).Path);
        Assert.Equal(0, (await AsAsync(ownerA, s => s.ListRequestsAsync(new ApiLogQuery(StatusCode: 404), CancellationToken.None))).TotalCount);
    }
}
