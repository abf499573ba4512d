using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceLayer.Web.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationSubscription : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CurrentPeriodEnd",
                table: "organizations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletionDueAt",
                table: "organizations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletionRequestedAt",
                table: "organizations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PastDueSince",
                table: "organizations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripeCustomerId",
                table: "organizations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripeSubscriptionId",
                table: "organizations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubscriptionStatus",
                table: "organizations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Trialing");

            migrationBuilder.CreateIndex(
                name: "ix_scans_completed_by_domain",
                table: "scans",
                columns: new[] { "DomainId", "FinishedAt" },
                descending: new[] { false, true },
                filter: "\"Status\" = 'Completed'");

            migrationBuilder.CreateIndex(
                name: "IX_organizations_DeletionDueAt",
                table: "organizations",
                column: "DeletionDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_organizations_StripeCustomerId",
                table: "organizations",
                column: "StripeCustomerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_organizations_StripeSubscriptionId",
                table: "organizations",
                column: "StripeSubscriptionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_scans_completed_by_domain",
                table: "scans");

            migrationBuilder.DropIndex(
                name: "IX_organizations_DeletionDueAt",
                table: "organizations");

            migrationBuilder.DropIndex(
                name: "IX_organizations_StripeCustomerId",
                table: "organizations");

            migrationBuilder.DropIndex(
                name: "IX_organizations_StripeSubscriptionId",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "CurrentPeriodEnd",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "DeletionDueAt",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "DeletionRequestedAt",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "PastDueSince",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "StripeCustomerId",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "StripeSubscriptionId",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "SubscriptionStatus",
                table: "organizations");
        }
    }
}
