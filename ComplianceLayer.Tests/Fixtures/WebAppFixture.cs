using System.Security.Claims;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Web.Features.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Fixtures;

/// <summary>
/// A fresh database with the real migrations and the app's service container, for integration tests of
/// services and the DbContext. Use as a class fixture: one database per test class.
/// </summary>
public class WebAppFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public AppFactory Factory { get; private set; } = null!;

    public IServiceProvider Services => Factory.Services;

    /// <summary>Settings for this fixture's app. The scheduler is off unless a fixture needs jobs to run.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Quartz:Enabled"] = "false" };

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("cl_test");
        // Migrate first, with the scheduler off: Quartz validates its tables when it starts.
        var migrationSettings = new Dictionary<string, string?>(Settings) { ["Quartz:Enabled"] = "false" };
        await using (var migrator = new AppFactory(ConnectionString, migrationSettings))
        await using (var scope = migrator.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        }
        Factory = new AppFactory(ConnectionString, Settings, ConfigureServices);
        BeforeStart(Factory);
        _ = Factory.Services;
    }

    /// <summary>Replace services of this fixture's app (a recording e-mail sender, say); nothing by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Configure the factory before its server starts (e.g. real Kestrel for browser tests).</summary>
    protected virtual void BeforeStart(AppFactory factory)
    {
    }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>Creates a user; with an organization name, also a new organization with the user as Owner.</summary>
    public async Task<TestMember> CreateUserAsync(string email, string? organizationName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, "Test-Password-123!");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Guid? organizationId = null;
        if (organizationName is not null)
        {
            var organization = await scope.ServiceProvider.GetRequiredService<OrganizationOnboarding>()
                .CreateAsync(user, organizationName, CancellationToken.None);
            organizationId = organization.Id;
        }
        return new TestMember(user.Id, email, organizationId);
    }

    /// <summary>Adds an existing user to an organization with a role, bypassing the invitation flow.</summary>
    public async Task AddMemberAsync(Guid organizationId, TestMember member, OrganizationRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organizationId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        db.Memberships.Add(new Membership { UserId = member.UserId, Role = role, CreatedAt = DateTimeOffset.UtcNow });
        var user = await db.Users.SingleAsync(u => u.Id == member.UserId);
        user.CurrentOrganizationId ??= organizationId;
        await db.SaveChangesAsync();
    }

    /// <summary>A DI scope acting as the signed-in user, as a Blazor circuit would.</summary>
    public AsyncServiceScope ScopeFor(TestMember member)
    {
        var scope = Services.CreateAsyncScope();
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, member.UserId), new Claim(ClaimTypes.Name, member.Email)], "Test");
        var auth = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        auth.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return scope;
    }

    /// <summary>A DbContext bound to one organization, for arranging data and asserting on it.</summary>
    public async Task<(AsyncServiceScope Scope, AppDbContext Db)> DbForTenantAsync(Guid? organizationId)
    {
        var scope = Services.CreateAsyncScope();
        if (organizationId is { } id)
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id);
        }
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return (scope, db);
    }
}

public sealed record TestMember(string UserId, string Email, Guid? OrganizationId)
{
    public Guid Org => OrganizationId ?? throw new InvalidOperationException($"{Email} has no organization of their own.");
}
