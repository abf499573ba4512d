using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceLayer.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScanAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "scans",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RunBy",
                table: "scans",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "scans");

            migrationBuilder.DropColumn(
                name: "RunBy",
                table: "scans");
        }
    }
}
