using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Domain.Billing;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Plans;
using ComplianceLayer.Web.Infrastructure.Data;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceLayer.Web.Features.Organizations;

/// <summary>Creates a new organization with its first Owner (on registration, and for the demo tenant).</summary>
public sealed class OrganizationOnboarding(IDbContextFactory<AppDbContext> dbFactory, TenantContext tenant, PlanCatalog plans, TimeProvider time)
{
    public async Task<Organization> CreateAsync(ApplicationUser owner, string organizationName, CancellationToken cancellationToken)
    {
        var name = organizationName.Trim();
        if (name.Length is 0 or > Organization.NameMaxLength)
        {
            throw new ArgumentException($"An organization name is required (at most {Organization.NameMaxLength} characters).", nameof(organizationName));
        }
        var now = time.GetUtcNow();
        // A new organization starts on the configured plan (the trial), which ends after its trial days.
        var plan = plans.NewOrganizationPlan;
        var organization = new Organization
        {
            Name = name,
            CreatedAt = now,
            PlanCode = plan.Code,
            SubscriptionStatus = plan.TrialDays > 0 ? SubscriptionStatus.Trialing : SubscriptionStatus.Active,
            CurrentPeriodEnd = plan.TrialDays > 0 ? now.AddDays(plan.TrialDays) : null,
        };
        tenant.Set(organization.Id);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Organizations.Add(organization);
        db.Memberships.Add(new Membership { UserId = owner.Id, Role = OrganizationRole.Owner, CreatedAt = now });
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = now,
            ActorUserId = owner.Id,
            Actor = owner.Email ?? owner.UserName ?? owner.Id,
            Action = "organization.created",
            EntityType = "organization",
            EntityId = organization.Id.ToString(),
            Summary = $"Created organization \"{name}\" with {owner.Email} as Owner.",
        });
        var user = await db.Users.SingleAsync(u => u.Id == owner.Id, cancellationToken);
        user.CurrentOrganizationId = organization.Id;
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }
}
