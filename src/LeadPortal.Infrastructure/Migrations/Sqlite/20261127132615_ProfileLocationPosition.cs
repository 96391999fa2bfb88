using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProfileLocationPosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Leads answered before ResponseTimeSeconds existed get it from their stored times.
            migrationBuilder.Sql("""UPDATE "Leads" SET "ResponseTimeSeconds" = CAST((julianday("AnsweredAtUtc") - julianday("ReceivedAtUtc")) * 86400 AS INTEGER) WHERE "AnsweredAtUtc" IS NOT NULL AND "ResponseTimeSeconds" IS NULL;""");

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "ProfileLocations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Position",
                table: "ProfileLocations");
        }
    }
}
