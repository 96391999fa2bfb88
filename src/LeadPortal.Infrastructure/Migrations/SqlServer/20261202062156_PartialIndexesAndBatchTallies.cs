using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PartialIndexesAndBatchTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Stage_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Stage_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OpenContactRequests",
                table: "Leads",
                column: "ReceivedAtUtc",
                filter: "\"ContactRequested\" = 1 AND \"Stage\" <> 'Archived' AND \"ContactUrgencyLapsed\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OpenContactRequests_OrganizationId",
                table: "Leads",
                columns: new[] { "OrganizationId", "ReceivedAtUtc" },
                filter: "\"ContactRequested\" = 1 AND \"Stage\" <> 'Archived' AND \"ContactUrgencyLapsed\" = 0");

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
                name: "IX_Leads_OrganizationId_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "Stage", "ContactRequested", "ContactUrgencyLapsed", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Stage_ResponseDeadlineUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "Stage", "ResponseDeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads",
                columns: new[] { "Stage", "ContactRequested", "ContactUrgencyLapsed", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Stage_ResponseDeadlineUtc",
                table: "Leads",
                columns: new[] { "Stage", "ResponseDeadlineUtc" });
        }
    }
}
