using ComplianceLayer.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
        builder.Property(o => o.TimeZone).HasMaxLength(64);
        builder.Property(o => o.PlanCode).HasMaxLength(32);
        builder.Property(o => o.SubscriptionStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.StripeCustomerId).HasMaxLength(64);
        builder.Property(o => o.StripeSubscriptionId).HasMaxLength(64);
        builder.HasIndex(o => o.StripeCustomerId).IsUnique();
        builder.HasIndex(o => o.StripeSubscriptionId).IsUnique();
        builder.HasIndex(o => o.DeletionDueAt);
    }
}
