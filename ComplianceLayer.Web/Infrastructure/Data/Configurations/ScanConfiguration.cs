using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Scans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> builder)
    {
        builder.ToTable("scans");
        builder.Property(s => s.JobId).HasMaxLength(40);
        builder.Property(s => s.ReportId).HasMaxLength(40);
        builder.HasIndex(s => s.JobId).IsUnique();
        builder.HasIndex(s => s.ReportId).IsUnique();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Grade).HasMaxLength(2);
        builder.Property(s => s.RiskLevel).HasMaxLength(16);
        builder.Property(s => s.FailureReason).HasMaxLength(Scan.FailureReasonMaxLength);
        builder.Property(s => s.RequestedByUserId).HasMaxLength(450);
        builder.Property(s => s.ReportJson).HasColumnType("jsonb");
        builder.Property(s => s.RunBy).HasMaxLength(200);
        builder.HasIndex(s => new { s.OrganizationId, s.DomainId, s.QueuedAt });
        builder.HasIndex(s => new { s.OrganizationId, s.Status });
        // The plan's monthly scan quota counts an organization's scans by QueuedAt.
        builder.HasIndex(s => new { s.OrganizationId, s.QueuedAt });
        // At most one queued or running scan per domain: the last word on duplicate requests racing each other.
        builder.HasIndex(s => s.DomainId, "ix_scans_one_active_per_domain").IsUnique()
            .HasFilter("\"Status\" IN ('Queued', 'Running')");
        builder.HasIndex(s => s.DomainId, "ix_scans_domain");
        // Latest completed scan per domain (dashboard, matrix, history): an index-only walk per domain.
        builder.HasIndex(s => new { s.DomainId, s.FinishedAt }, "ix_scans_completed_by_domain")
            .IsDescending(false, true)
            .HasFilter("\"Status\" = 'Completed'");
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MonitoredDomain>().WithMany().HasForeignKey(s => s.DomainId).OnDelete(DeleteBehavior.Cascade);
    }
}
