using ComplianceLayer.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class BillingRecordConfiguration : IEntityTypeConfiguration<BillingRecord>
{
    public void Configure(EntityTypeBuilder<BillingRecord> builder)
    {
        builder.ToTable("billing_records");
        builder.Property(r => r.StripeInvoiceId).HasMaxLength(BillingRecord.InvoiceIdMaxLength);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => r.StripeInvoiceId).IsUnique();
        builder.HasIndex(r => new { r.OrganizationId, r.InvoiceDate });
        // Deliberately no foreign key to organizations: records are kept 7 years, beyond account deletion.
    }
}
