using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StructuredHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Details",
                table: "LeadHistory",
                newName: "LegacyDetails");

            migrationBuilder.AddColumn<string>(
                name: "Changes",
                table: "LeadHistory",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Changes",
                table: "LeadHistory");

            migrationBuilder.RenameColumn(
                name: "LegacyDetails",
                table: "LeadHistory",
                newName: "Details");
        }
    }
}
