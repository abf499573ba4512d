using ComplianceLayer.Domain.ApiKeys;
using ComplianceLayer.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class ApiRequestLogConfiguration : IEntityTypeConfiguration<ApiRequestLog>
{
    public void Configure(EntityTypeBuilder<ApiRequestLog> builder)
    {
        builder.ToTable("api_request_logs");
        builder.Property(l => l.Method).HasMaxLength(16);
        builder.Property(l => l.Path).HasMaxLength(ApiRequestLog.PathMaxLength);
        builder.Property(l => l.Domain).HasMaxLength(253);
        builder.Property(l => l.ClientIp).HasMaxLength(64);
        builder.HasIndex(l => new { l.OrganizationId, l.OccurredAt });
        builder.HasIndex(l => new { l.ApiKeyId, l.OccurredAt });
        // For the retention job, which deletes by age across organizations.
        builder.HasIndex(l => l.OccurredAt);
        builder.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(l => l.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
