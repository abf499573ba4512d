using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Domains;
using ComplianceLayer.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class MonitoredDomainConfiguration : IEntityTypeConfiguration<MonitoredDomain>
{
    public void Configure(EntityTypeBuilder<MonitoredDomain> builder)
    {
        builder.ToTable("domains");
        builder.Property(d => d.Name).HasMaxLength(253);
        builder.Property(d => d.DisplayName).HasMaxLength(253);
        builder.HasIndex(d => new { d.OrganizationId, d.Name }).IsUnique();
        builder.HasIndex(d => d.ClientId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Client>().WithMany().HasForeignKey(d => d.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
