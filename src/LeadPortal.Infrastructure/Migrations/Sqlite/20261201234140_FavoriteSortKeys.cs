using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FavoriteSortKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DealSortValue",
                table: "FavoriteLeads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "OrganizationId",
                table: "FavoriteLeads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "FavoriteLeads",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReceivedAtUtc",
                table: "FavoriteLeads",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "ResponseDeadlineUtc",
                table: "FavoriteLeads",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "FavoriteLeads",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Type",
                table: "FavoriteLeads",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_FavoriteLeads_UserId_OrganizationId_DealSortValue_LeadId",
                table: "FavoriteLeads",
                columns: new[] { "UserId", "OrganizationId", "DealSortValue", "LeadId" });

            migrationBuilder.CreateIndex(
                name: "IX_FavoriteLeads_UserId_OrganizationId_ReceivedAtUtc_LeadId",
                table: "FavoriteLeads",
                columns: new[] { "UserId", "OrganizationId", "ReceivedAtUtc", "LeadId" });

            migrationBuilder.CreateIndex(
                name: "IX_FavoriteLeads_UserId_OrganizationId_ResponseDeadlineUtc_LeadId",
                table: "FavoriteLeads",
                columns: new[] { "UserId", "OrganizationId", "ResponseDeadlineUtc", "LeadId" });

            // The lead's keys, copied into each favorite (see FavoriteLead): filled in on insert, kept on every change.
            migrationBuilder.Sql(FavoriteSql.CopyOnInsert);
            migrationBuilder.Sql(FavoriteSql.KeepOnUpdate);
            migrationBuilder.Sql(FavoriteSql.Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Leads_Favorites";""");
            migrationBuilder.Sql("""DROP TRIGGER "FavoriteLeads_CopyLead";""");

            migrationBuilder.DropIndex(
                name: "IX_FavoriteLeads_UserId_OrganizationId_DealSortValue_LeadId",
                table: "FavoriteLeads");

            migrationBuilder.DropIndex(
                name: "IX_FavoriteLeads_UserId_OrganizationId_ReceivedAtUtc_LeadId",
                table: "FavoriteLeads");

            migrationBuilder.DropIndex(
                name: "IX_FavoriteLeads_UserId_OrganizationId_ResponseDeadlineUtc_LeadId",
                table: "FavoriteLeads");

            migrationBuilder.DropColumn(
                name: "DealSortValue",
                table: "FavoriteLeads");

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "FavoriteLeads");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "FavoriteLeads");

            migrationBuilder.DropColumn(
                name: "ReceivedAtUtc",
                table: "FavoriteLeads");

            migrationBuilder.DropColumn(
                name: "ResponseDeadlineUtc",
                table: "FavoriteLeads");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "FavoriteLeads");

            migrationBuilder.DropColumn(
                name: "Type",
                table: "FavoriteLeads");
        }
    }

    internal static class FavoriteSql
    {
        public const string CopyOnInsert = """
            CREATE TRIGGER "FavoriteLeads_CopyLead" AFTER INSERT ON "FavoriteLeads" BEGIN
                UPDATE "FavoriteLeads"
                SET ("OrganizationId", "Type", "Stage", "Outcome", "ReceivedAtUtc", "ResponseDeadlineUtc", "DealSortValue") =
                    (SELECT "OrganizationId", "Type", "Stage", "Outcome", "ReceivedAtUtc", "ResponseDeadlineUtc", COALESCE("DealValueMinor", -1)
                     FROM "Leads" WHERE "Id" = NEW."LeadId")
                WHERE "UserId" = NEW."UserId" AND "LeadId" = NEW."LeadId";
            END;
            """;

        public const string KeepOnUpdate = """
            CREATE TRIGGER "Leads_Favorites"
            AFTER UPDATE OF "OrganizationId", "Type", "Stage", "Outcome", "ReceivedAtUtc", "ResponseDeadlineUtc", "DealValueMinor" ON "Leads"
            WHEN OLD."OrganizationId" IS NOT NEW."OrganizationId" OR OLD."Type" IS NOT NEW."Type" OR OLD."Stage" IS NOT NEW."Stage"
                OR OLD."Outcome" IS NOT NEW."Outcome" OR OLD."ReceivedAtUtc" IS NOT NEW."ReceivedAtUtc"
                OR OLD."ResponseDeadlineUtc" IS NOT NEW."ResponseDeadlineUtc" OR OLD."DealValueMinor" IS NOT NEW."DealValueMinor"
            BEGIN
                UPDATE "FavoriteLeads"
                SET "OrganizationId" = NEW."OrganizationId", "Type" = NEW."Type", "Stage" = NEW."Stage", "Outcome" = NEW."Outcome",
                    "ReceivedAtUtc" = NEW."ReceivedAtUtc", "ResponseDeadlineUtc" = NEW."ResponseDeadlineUtc",
                    "DealSortValue" = COALESCE(NEW."DealValueMinor", -1)
                WHERE "LeadId" = NEW."Id";
            END;
            """;

        public const string Backfill = """
            UPDATE "FavoriteLeads"
            SET ("OrganizationId", "Type", "Stage", "Outcome", "ReceivedAtUtc", "ResponseDeadlineUtc", "DealSortValue") =
                (SELECT "OrganizationId", "Type", "Stage", "Outcome", "ReceivedAtUtc", "ResponseDeadlineUtc", COALESCE("DealValueMinor", -1)
                 FROM "Leads" WHERE "Id" = "FavoriteLeads"."LeadId");
            """;
    }
}
