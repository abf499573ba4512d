using System.Security.Claims;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Infrastructure;

[Trait("Category", "Integration")]
public sealed class CapabilityPolicyTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    public static TheoryData<OrganizationRole, Capability> AllRoleCapabilityPairs()
    {
        var data = new TheoryData<OrganizationRole, Capability>();
        foreach (var role in Enum.GetValues<OrganizationRole>())
        {
            foreach (var capability in Enum.GetValues<Capability>())
            {
                data.Add(role, capability);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllRoleCapabilityPairs))]
    public async Task Policy_ForEachRoleAndCapability_FollowsRolePolicyFromTheDatabase(OrganizationRole role, Capability capability)
    {
        var owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@p.example", "Policy Org");
        var member = role == OrganizationRole.Owner ? owner : await app.CreateUserAsync($"m-{Guid.NewGuid():N}@p.example");
        if (role != OrganizationRole.Owner)
        {
            await app.AddMemberAsync(owner.Org, member, role);
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, member.UserId)], "Test"));
        await using var scope = app.Services.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();

        var result = await authorization.AuthorizeAsync(principal, Policies.For(capability));

        Assert.Equal(RolePolicy.Allows(role, capability), result.Succeeded);
    }

    [Fact]
    public async Task Policy_UserWithoutMembership_IsDenied()
    {
        var loner = await app.CreateUserAsync($"loner-{Guid.NewGuid():N}@p.example");
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, loner.UserId)], "Test"));
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, Policies.ViewData);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RequireAsync_ViewerAskingToManageClients_ThrowsWithTheRoleNeeded()
    {
        var owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@p.example", "Policy Org 2");
        var viewer = await app.CreateUserAsync($"viewer-{Guid.NewGuid():N}@p.example");
        await app.AddMemberAsync(owner.Org, viewer, OrganizationRole.Viewer);
        await using var scope = app.ScopeFor(viewer);
        var current = scope.ServiceProvider.GetRequiredService<CurrentMember>();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => current.RequireAsync(Capability.ManageClients, CancellationToken.None));
        Assert.Contains("Technician", ex.Message, StringComparison.Ordinal);
        var member = await current.RequireAsync(Capability.ViewData, CancellationToken.None);
        Assert.Equal(owner.Org, member.OrganizationId);
        Assert.Equal(owner.Org, scope.ServiceProvider.GetRequiredService<ITenantContext>().OrganizationId);
    }
}
