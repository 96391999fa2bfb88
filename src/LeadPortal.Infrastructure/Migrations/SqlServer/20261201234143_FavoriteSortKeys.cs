using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.SqlServer
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "OrganizationId",
                table: "FavoriteLeads",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "FavoriteLeads",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReceivedAtUtc",
                table: "FavoriteLeads",
                type: "datetime2",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "ResponseDeadlineUtc",
                table: "FavoriteLeads",
                type: "datetime2",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "FavoriteLeads",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Type",
                table: "FavoriteLeads",
                type: "nvarchar(32)",
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
            migrationBuilder.Sql("""DROP TRIGGER [Leads_Favorites];""");
            migrationBuilder.Sql("""DROP TRIGGER [FavoriteLeads_CopyLead];""");

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
        private const string Copy = """
            SET f.[OrganizationId] = l.[OrganizationId], f.[Type] = l.[Type], f.[Stage] = l.[Stage], f.[Outcome] = l.[Outcome],
                f.[ReceivedAtUtc] = l.[ReceivedAtUtc], f.[ResponseDeadlineUtc] = l.[ResponseDeadlineUtc], f.[DealSortValue] = COALESCE(l.[DealValueMinor], -1)
            """;

        public const string CopyOnInsert = """
            CREATE TRIGGER [FavoriteLeads_CopyLead] ON [FavoriteLeads] AFTER INSERT AS
            BEGIN
                SET NOCOUNT ON;
                UPDATE f
            """ + "\n" + Copy + "\n" + """
                FROM [FavoriteLeads] AS f
                JOIN inserted AS i ON i.[UserId] = f.[UserId] AND i.[LeadId] = f.[LeadId]
                JOIN [Leads] AS l ON l.[Id] = i.[LeadId];
            END
            """;

        public const string KeepOnUpdate = """
            CREATE TRIGGER [Leads_Favorites] ON [Leads] AFTER UPDATE AS
            BEGIN
                SET NOCOUNT ON;
                IF NOT (UPDATE([OrganizationId]) OR UPDATE([Type]) OR UPDATE([Stage]) OR UPDATE([Outcome]) OR UPDATE([ReceivedAtUtc])
                    OR UPDATE([ResponseDeadlineUtc]) OR UPDATE([DealValueMinor])) RETURN;
                UPDATE f
            """ + "\n" + Copy + "\n" + """
                FROM [FavoriteLeads] AS f
                JOIN inserted AS l ON l.[Id] = f.[LeadId];
            END
            """;

        public const string Backfill = """
            UPDATE f
            """ + "\n" + Copy + "\n" + """
            FROM [FavoriteLeads] AS f
            JOIN [Leads] AS l ON l.[Id] = f.[LeadId];
            """;
    }
}
