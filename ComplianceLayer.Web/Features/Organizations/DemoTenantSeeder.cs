using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Organizations;

/// <summary>A demo MSP with an Owner, two clients and a few domains, for trying the product. Idempotent.</summary>
public sealed class DemoTenantSeeder(
    UserManager<ApplicationUser> users,
    OrganizationOnboarding onboarding,
    IDbContextFactory<AppDbContext> dbFactory,
    TenantContext tenant,
    TimeProvider time,
    IConfiguration configuration)
{
    public sealed record DemoLogin(Guid OrganizationId, string OrganizationName, string Email, string Password);

    public async Task<DemoLogin> SeedAsync(CancellationToken cancellationToken)
    {
        var email = configuration["Demo:Email"] ?? "owner@demo-msp.example";
        var password = configuration["Demo:Password"] ?? "Demo-Password-2026";
        const string organizationName = "Demo MSP";

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Demo Owner", CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create the demo user: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await MembershipLookup.FindAsync(db, user.Id, cancellationToken);
        if (member is not null)
        {
            return new DemoLogin(member.OrganizationId, member.OrganizationName, email, password);
        }

        var organization = await onboarding.CreateAsync(user, organizationName, cancellationToken);
        tenant.Set(organization.Id);
        var now = time.GetUtcNow();
        string[][] portfolio =
        [
            ["Northwind Traders", "northwind.example", "northwind-mail.example"],
            ["Contoso Dental", "contoso-dental.example"],
        ];
        foreach (var entry in portfolio)
        {
            var client = new Client { Name = entry[0], CreatedAt = now, UpdatedAt = now };
            db.Clients.Add(client);
            foreach (var name in entry[1..])
            {
                db.Domains.Add(new MonitoredDomain { ClientId = client.Id, Name = name, DisplayName = name, CreatedAt = now });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new DemoLogin(organization.Id, organization.Name, email, password);
    }
}
