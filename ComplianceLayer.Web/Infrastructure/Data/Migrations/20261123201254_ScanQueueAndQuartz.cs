using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceLayer.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScanQueueAndQuartz : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "IX_scans_DomainId",
                table: "scans",
                newName: "ix_scans_domain");

            migrationBuilder.CreateIndex(
                name: "ix_scans_one_active_per_domain",
                table: "scans",
                column: "DomainId",
                unique: true,
                filter: "\"Status\" IN ('Queued', 'Running')");

            // Quartz's own PostgreSQL schema (qrtz_* tables), as embedded in Quartz 4.7.3; every statement is IF NOT EXISTS.
            migrationBuilder.Sql(QuartzSchema.Read("quartz-4.7.3-postgres.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(QuartzSchema.DropAll);

            migrationBuilder.DropIndex(
                name: "ix_scans_one_active_per_domain",
                table: "scans");

            migrationBuilder.RenameIndex(
                name: "ix_scans_domain",
                table: "scans",
                newName: "IX_scans_DomainId");
        }
    }
}
