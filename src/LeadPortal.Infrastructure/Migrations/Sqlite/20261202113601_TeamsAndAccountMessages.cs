using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TeamsAndAccountMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Kind_LeadId_Recipient",
                table: "OutboxMessages");

            migrationBuilder.AlterColumn<long>(
                name: "LeadId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OrganizationId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TeamVersion",
                table: "Organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAtUtc",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TeamAuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    FromRole = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ToRole = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamAuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamAuditEntries_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamInvitations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamInvitations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Kind_LeadId_Recipient",
                table: "OutboxMessages",
                columns: new[] { "Kind", "LeadId", "Recipient" },
                unique: true,
                filter: "\"LeadId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_OrganizationId",
                table: "OutboxMessages",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamAuditEntries_OrganizationId_AtUtc",
                table: "TeamAuditEntries",
                columns: new[] { "OrganizationId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamInvitations_OrganizationId_CreatedAtUtc",
                table: "TeamInvitations",
                columns: new[] { "OrganizationId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamInvitations_TokenHash",
                table: "TeamInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxMessages_Organizations_OrganizationId",
                table: "OutboxMessages",
                column: "OrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Account messages have no lead, which the column needs again.
            migrationBuilder.Sql("DELETE FROM \"OutboxMessages\" WHERE \"LeadId\" IS NULL;");

            migrationBuilder.DropForeignKey(
                name: "FK_OutboxMessages_Organizations_OrganizationId",
                table: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "TeamAuditEntries");

            migrationBuilder.DropTable(
                name: "TeamInvitations");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Kind_LeadId_Recipient",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_OrganizationId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Culture",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "TeamVersion",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "DeactivatedAtUtc",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<long>(
                name: "LeadId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Kind_LeadId_Recipient",
                table: "OutboxMessages",
                columns: new[] { "Kind", "LeadId", "Recipient" },
                unique: true);
        }
    }
}
