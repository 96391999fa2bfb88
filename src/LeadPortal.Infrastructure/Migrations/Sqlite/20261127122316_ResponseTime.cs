using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponseTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ResponseTimeSeconds",
                table: "Leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_ReceivedAtUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "ReceivedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_ReceivedAtUtc",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ResponseTimeSeconds",
                table: "Leads");
        }
    }
}
