using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Organizations;
using ComplianceLayer.Domain.Schedules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class ScanScheduleConfiguration : IEntityTypeConfiguration<ScanSchedule>
{
    public void Configure(EntityTypeBuilder<ScanSchedule> builder)
    {
        builder.ToTable("scan_schedules", t =>
        {
            // The target is a client or a domain, never both, never neither.
            t.HasCheckConstraint("ck_scan_schedules_one_target", "(\"ClientId\" IS NULL) <> (\"DomainId\" IS NULL)");
        });
        builder.Ignore(s => s.Timing);
        builder.Property(s => s.Cadence).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.DayOfWeek).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.CreatedByUserId).HasMaxLength(450);
        builder.HasIndex(s => s.OrganizationId);
        builder.HasIndex(s => s.ClientId);
        builder.HasIndex(s => s.DomainId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MonitoredDomain>().WithMany().HasForeignKey(s => s.DomainId).OnDelete(DeleteBehavior.Cascade);
    }
}
