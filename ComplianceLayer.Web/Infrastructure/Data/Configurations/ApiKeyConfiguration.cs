using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Sha256Hash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(k => k.Sha256Hash).IsUnique();
        builder.Property(k => k.Scopes).HasColumnType("text[]");
        builder.Property(k => k.CreatedByUserId).HasMaxLength(450);
        builder.Property(k => k.RevokedAt);
        builder.HasIndex(k => new { k.OrganizationId, k.CreatedAt });
        builder.Ignore(k => k.DisplayPrefix);
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
