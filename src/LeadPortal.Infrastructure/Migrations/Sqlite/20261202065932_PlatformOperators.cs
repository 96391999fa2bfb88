using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlatformOperators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "OrganizationId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Before this migration every user had an organization: the platform operators cannot stay.
            migrationBuilder.Sql("""DELETE FROM "AspNetUserRoles" WHERE "UserId" IN (SELECT "Id" FROM "AspNetUsers" WHERE "OrganizationId" IS NULL);""");
            migrationBuilder.Sql("""DELETE FROM "AspNetUsers" WHERE "OrganizationId" IS NULL;""");

            migrationBuilder.AlterColumn<int>(
                name: "OrganizationId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
