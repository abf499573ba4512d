using ComplianceLayer.Domain.Findings;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.ToTable("findings");
        builder.Property(f => f.Code).HasMaxLength(120);
        builder.Property(f => f.Fingerprint).HasMaxLength(400);
        builder.Property(f => f.Module).HasMaxLength(32);
        builder.Property(f => f.Title).HasMaxLength(400);
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(f => f.ScanId);
        builder.HasIndex(f => new { f.OrganizationId, f.Code });
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Scan>().WithMany().HasForeignKey(f => f.ScanId).OnDelete(DeleteBehavior.Cascade);
    }
}
