using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadTypeSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Type_DealSortValue_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "Type", "DealSortValue", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Type_ReceivedAtUtc_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "Type", "ReceivedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Type_ResponseDeadlineUtc_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "Type", "ResponseDeadlineUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Type_DealSortValue_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Type_ReceivedAtUtc_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Type_ResponseDeadlineUtc_Id",
                table: "Leads");
        }
    }
}
