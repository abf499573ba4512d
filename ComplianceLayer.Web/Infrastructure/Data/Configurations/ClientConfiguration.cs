using ComplianceLayer.Domain.Clients;
using ComplianceLayer.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceLayer.Web.Infrastructure.Data.Configurations;

public sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients");
        builder.Property(c => c.Name).HasMaxLength(Client.NameMaxLength);
        builder.Property(c => c.ContactEmail).HasMaxLength(256);
        builder.Property(c => c.Notes).HasMaxLength(Client.NotesMaxLength);
        builder.HasIndex(c => new { c.OrganizationId, c.Name });
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
