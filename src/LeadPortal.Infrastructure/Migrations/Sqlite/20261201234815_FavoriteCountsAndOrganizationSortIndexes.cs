using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FavoriteCountsAndOrganizationSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_ReceivedAtUtc",
                table: "Leads");

            migrationBuilder.CreateTable(
                name: "FavoriteStatusCounts",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FavoriteStatusCounts", x => new { x.UserId, x.OrganizationId, x.Type, x.Status });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_DealSortValue_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "DealSortValue", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_ReceivedAtUtc_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "ReceivedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_ResponseDeadlineUtc_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "ResponseDeadlineUtc", "Id" });

            // The Favorites tab's stage counts, kept from FavoriteLeads (see FavoriteStatusCount), and filled from the favorites there.
            foreach (var sql in FavoriteCountSql.Up)
            {
                migrationBuilder.Sql(sql);
            }

            // The search index's vocabulary: in how many leads each trigram occurs (read by the list's search to ask for
            // the rarest ones).
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "LeadSearchTrigrams" USING fts5vocab("LeadSearch", 'row');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "LeadSearchTrigrams";""");
            foreach (var sql in FavoriteCountSql.Down)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "FavoriteStatusCounts");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_DealSortValue_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_ReceivedAtUtc_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_ResponseDeadlineUtc_Id",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_ReceivedAtUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "ReceivedAtUtc" });
        }
    }

    internal static class FavoriteCountSql
    {
        private const string Status = "COALESCE({0}.\"Outcome\", {0}.\"Stage\")";

        private static string Add(string row) => $"""
            INSERT INTO "FavoriteStatusCounts" ("UserId", "OrganizationId", "Type", "Status", "Count")
            VALUES ({row}."UserId", {row}."OrganizationId", {row}."Type", {string.Format(System.Globalization.CultureInfo.InvariantCulture, Status, row)}, 1)
            ON CONFLICT ("UserId", "OrganizationId", "Type", "Status") DO UPDATE SET "Count" = "Count" + 1;
            """;

        private static string Remove(string row) => $"""
            UPDATE "FavoriteStatusCounts" SET "Count" = "Count" - 1
            WHERE "UserId" = {row}."UserId" AND "OrganizationId" = {row}."OrganizationId" AND "Type" = {row}."Type"
              AND "Status" = {string.Format(System.Globalization.CultureInfo.InvariantCulture, Status, row)};
            """;

        public static readonly string[] Up =
        [
            $"""
            CREATE TRIGGER "FavoriteLeads_Counts_Insert" AFTER INSERT ON "FavoriteLeads" BEGIN
            {Add("NEW")}
            END;
            """,
            $"""
            CREATE TRIGGER "FavoriteLeads_Counts_Delete" AFTER DELETE ON "FavoriteLeads" BEGIN
            {Remove("OLD")}
            END;
            """,
            $"""
            CREATE TRIGGER "FavoriteLeads_Counts_Update" AFTER UPDATE OF "UserId", "OrganizationId", "Type", "Stage", "Outcome" ON "FavoriteLeads"
            WHEN OLD."UserId" IS NOT NEW."UserId" OR OLD."OrganizationId" IS NOT NEW."OrganizationId" OR OLD."Type" IS NOT NEW."Type"
                OR OLD."Stage" IS NOT NEW."Stage" OR OLD."Outcome" IS NOT NEW."Outcome"
            BEGIN
            {Remove("OLD")}
            {Add("NEW")}
            END;
            """,
            """
            INSERT INTO "FavoriteStatusCounts" ("UserId", "OrganizationId", "Type", "Status", "Count")
            SELECT "UserId", "OrganizationId", "Type", COALESCE("Outcome", "Stage"), COUNT(*) FROM "FavoriteLeads"
            GROUP BY "UserId", "OrganizationId", "Type", COALESCE("Outcome", "Stage");
            """,
        ];

        public static readonly string[] Down =
        [
            """DROP TRIGGER "FavoriteLeads_Counts_Insert";""",
            """DROP TRIGGER "FavoriteLeads_Counts_Delete";""",
            """DROP TRIGGER "FavoriteLeads_Counts_Update";""",
        ];
    }
}
