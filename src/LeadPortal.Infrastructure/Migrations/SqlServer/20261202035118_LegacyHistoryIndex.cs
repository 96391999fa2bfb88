using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LegacyHistoryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LeadHistory_LegacyDetails",
                table: "LeadHistory",
                column: "Id",
                filter: "\"LegacyDetails\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LeadHistory_LegacyDetails",
                table: "LeadHistory");
        }
    }
}
