using ComplianceLayer.Domain.Audit;
using ComplianceLayer.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.ActorUserId).HasMaxLength(450);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.Summary).HasMaxLength(2000);
        builder.Property(a => a.IpAddress).HasMaxLength(AuditEvent.IpAddressMaxLength);
        builder.HasIndex(a => new { a.OrganizationId, a.OccurredAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
