using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class ExportRequestConfiguration : IEntityTypeConfiguration<ExportRequest>
{
    public void Configure(EntityTypeBuilder<ExportRequest> builder)
    {
        builder.ToTable("export_requests");
        builder.Property(e => e.RequestedByUserId).HasMaxLength(450);
        builder.Property(e => e.RequestedBy).HasMaxLength(256);
        builder.Property(e => e.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ScopeName).HasMaxLength(253);
        builder.Property(e => e.Format).HasConversion<string>().HasMaxLength(8);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Token).HasMaxLength(ExportRequest.TokenLength).IsFixedLength();
        builder.HasIndex(e => e.Token).IsUnique();
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.FailureReason).HasMaxLength(ExportRequest.FailureReasonMaxLength);
        builder.HasIndex(e => new { e.OrganizationId, e.CreatedAt });
        // The expiry sweep walks only completed exports by expiry time.
        builder.HasIndex(e => e.ExpiresAt, "ix_export_requests_completed_by_expiry").HasFilter("\"Status\" = 'Completed'");
        builder.Ignore(e => e.FileExtension);
        builder.Ignore(e => e.IsActive);
        builder.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
