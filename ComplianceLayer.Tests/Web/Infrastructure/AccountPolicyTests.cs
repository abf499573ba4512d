using ComplianceLayer.Tests.Fixtures;
using ComplianceLayer.Web.Features.Organizations;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceLayer.Tests.Web.Infrastructure;

[Trait("Category", "Integration")]
public sealed class AccountPolicyTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task PasswordSignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        var member = await app.CreateUserAsync($"lock-{Guid.NewGuid():N}@l.example", "Lockout Org");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(member.UserId))!;

        for (var i = 0; i < 5; i++)
        {
            Assert.False(await users.CheckPasswordAsync(user, "wrong-password"));
            await users.AccessFailedAsync(user);
        }

        Assert.True(await users.IsLockedOutAsync(user));
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var result = await signIn.CheckPasswordSignInAsync(user, "Test-Password-123!", lockoutOnFailure: true);
        Assert.True(result.IsLockedOut);
    }

    [Fact]
    public async Task CheckPasswordSignIn_WrongPasswordWithLockoutOn_CountsFailures()
    {
        var member = await app.CreateUserAsync($"count-{Guid.NewGuid():N}@l.example", "Count Org");
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(member.UserId))!;

        for (var i = 0; i < 4; i++)
        {
            Assert.False((await signIn.CheckPasswordSignInAsync(user, "nope", lockoutOnFailure: true)).Succeeded);
        }
        Assert.False(await users.IsLockedOutAsync(user));
        Assert.True((await signIn.CheckPasswordSignInAsync(user, "nope", lockoutOnFailure: true)).IsLockedOut);
    }

    [Fact]
    public async Task Password_ShorterThanTenCharacters_IsRejected()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = "short@l.example", Email = "short@l.example" }, "Ab1!short");
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "PasswordTooShort");
    }

    [Fact]
    public async Task DemoSeeder_RunTwice_CreatesOneOrganizationWithClientsAndDomains()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoTenantSeeder>().SeedAsync(CancellationToken.None);
        }
        DemoTenantSeeder.DemoLogin login;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            login = await scope.ServiceProvider.GetRequiredService<DemoTenantSeeder>().SeedAsync(CancellationToken.None);
        }

        await using var check = app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == login.Email);
        var member = await MembershipLookup.FindAsync(db, user.Id, CancellationToken.None);
        Assert.NotNull(member);
        Assert.Equal(1, await db.Organizations.CountAsync(o => o.Name == login.OrganizationName));
        Assert.Equal(2, await db.Clients.IgnoreQueryFilters([AppDbContext.TenantFilter]).CountAsync(c => c.OrganizationId == member.OrganizationId));
        Assert.Equal(3, await db.Domains.IgnoreQueryFilters([AppDbContext.TenantFilter]).CountAsync(d => d.OrganizationId == member.OrganizationId));
    }
}
