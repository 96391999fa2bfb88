using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PartialIndexesAndBatchTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Stage_ContactRequested_ContactUrgencyL~",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Stage_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedA~",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Stage_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OpenContactRequests",
                table: "Leads",
                column: "ReceivedAtUtc",
                filter: "\"ContactRequested\" AND \"Stage\" <> 'Archived' AND NOT (\"ContactUrgencyLapsed\")");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OpenContactRequests_OrganizationId",
                table: "Leads",
                columns: new[] { "OrganizationId", "ReceivedAtUtc" },
                filter: "\"ContactRequested\" AND \"Stage\" <> 'Archived' AND NOT (\"ContactUrgencyLapsed\")");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Received_OrganizationId_ResponseDeadlineUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "ResponseDeadlineUtc" },
                filter: "\"Stage\" = 'Received'");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Received_ResponseDeadlineUtc",
                table: "Leads",
                column: "ResponseDeadlineUtc",
                filter: "\"Stage\" = 'Received'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OpenContactRequests",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OpenContactRequests_OrganizationId",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Received_OrganizationId_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Received_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Stage_ContactRequested_ContactUrgencyL~",
                table: "Leads",
                columns: new[] { "OrganizationId", "Stage", "ContactRequested", "ContactUrgencyLapsed", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Stage_ResponseDeadlineUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "Stage", "ResponseDeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedA~",
                table: "Leads",
                columns: new[] { "Stage", "ContactRequested", "ContactUrgencyLapsed", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Stage_ResponseDeadlineUtc",
                table: "Leads",
                columns: new[] { "Stage", "ResponseDeadlineUtc" });
        }
    }
}
