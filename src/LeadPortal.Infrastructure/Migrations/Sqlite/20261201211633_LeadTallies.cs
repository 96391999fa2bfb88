using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Type_Stage_ReceivedAtUtc_Id",
                table: "Leads");

            migrationBuilder.AddColumn<long>(
                name: "DealSortValue",
                table: "Leads",
                type: "INTEGER",
                nullable: false,
                computedColumnSql: "COALESCE(\"DealValueMinor\", -1)",
                stored: false);

            migrationBuilder.CreateTable(
                name: "LeadDailyCounts",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Bucket = table.Column<int>(type: "INTEGER", nullable: false),
                    DealCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    DealValueMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadDailyCounts", x => new { x.OrganizationId, x.Day, x.Type, x.Status, x.DeclineReason, x.Bucket, x.DealCurrency });
                });

            migrationBuilder.CreateTable(
                name: "LeadStatusCounts",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadStatusCounts", x => new { x.OrganizationId, x.Type, x.Status });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_ResponseTimeSeconds_ReceivedAtUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "ResponseTimeSeconds", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "Stage", "ContactRequested", "ContactUrgencyLapsed", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Type_Stage_Outcome_DealSortValue_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "Type", "Stage", "Outcome", "DealSortValue", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Type_Stage_Outcome_ReceivedAtUtc_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "Type", "Stage", "Outcome", "ReceivedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Type_Stage_Outcome_ResponseDeadlineUtc_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "Type", "Stage", "Outcome", "ResponseDeadlineUtc", "Id" });

            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "LeadSearch" USING fts5("Text", tokenize = 'trigram');""");
            foreach (var statement in TallySql.Create)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in TallySql.Drop)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.Sql("""DROP TABLE "LeadSearch";""");

            migrationBuilder.DropTable(
                name: "LeadDailyCounts");

            migrationBuilder.DropTable(
                name: "LeadStatusCounts");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_ResponseTimeSeconds_ReceivedAtUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Type_Stage_Outcome_DealSortValue_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Type_Stage_Outcome_ReceivedAtUtc_Id",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Type_Stage_Outcome_ResponseDeadlineUtc_Id",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "DealSortValue",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Type_Stage_ReceivedAtUtc_Id",
                table: "Leads",
                columns: new[] { "OrganizationId", "Type", "Stage", "ReceivedAtUtc", "Id" });
        }
    }

    /// <summary>
    /// The triggers that keep LeadStatusCounts, LeadDailyCounts and LeadSearch equal to what the Leads table says, and
    /// the statements that fill them from the leads already there. Status is COALESCE(Outcome, Stage); the day is the
    /// UTC date of ReceivedAtUtc (stored as 'yyyy-MM-dd HH:mm:ss…'); the buckets are ResponseBuckets' limits.
    /// </summary>
    internal static class TallySql
    {
        private static string Status(string row) => $"COALESCE({row}.\"Outcome\", {row}.\"Stage\")";

        private static string Day(string row) => $"substr({row}.\"ReceivedAtUtc\", 1, 10)";

        private static string Bucket(string row) => $"""
            CASE WHEN {row}."ResponseTimeSeconds" IS NULL THEN -1
                 WHEN {row}."ResponseTimeSeconds" <= 3600 THEN 0
                 WHEN {row}."ResponseTimeSeconds" <= 14400 THEN 1
                 WHEN {row}."ResponseTimeSeconds" <= 86400 THEN 2
                 WHEN {row}."ResponseTimeSeconds" <= 259200 THEN 3
                 WHEN {row}."ResponseTimeSeconds" <= 604800 THEN 4
                 WHEN {row}."ResponseTimeSeconds" <= 1209600 THEN 5
                 ELSE 6 END
            """;

        private static string SearchText(string row) =>
            $"{row}.\"CustomerCompanyName\" || char(10) || {row}.\"CustomerContactName\" || char(10) || {row}.\"CustomerEmail\" || char(10) || COALESCE({row}.\"DealName\", '')";

        private static string Add(string row) => $"""
            INSERT INTO "LeadStatusCounts" ("OrganizationId", "Type", "Status", "Count")
            VALUES ({row}."OrganizationId", {row}."Type", {Status(row)}, 1)
            ON CONFLICT ("OrganizationId", "Type", "Status") DO UPDATE SET "Count" = "Count" + 1;
            INSERT INTO "LeadDailyCounts" ("OrganizationId", "Day", "Type", "Status", "DeclineReason", "Bucket", "DealCurrency", "Count", "DealValueMinor")
            VALUES ({row}."OrganizationId", {Day(row)}, {row}."Type", {Status(row)}, COALESCE({row}."DeclineReason", ''), {Bucket(row)},
                    COALESCE({row}."DealCurrency", ''), 1, COALESCE({row}."DealValueMinor", 0))
            ON CONFLICT ("OrganizationId", "Day", "Type", "Status", "DeclineReason", "Bucket", "DealCurrency")
            DO UPDATE SET "Count" = "Count" + 1, "DealValueMinor" = "DealValueMinor" + excluded."DealValueMinor";
            """;

        private static string Remove(string row) => $"""
            UPDATE "LeadStatusCounts" SET "Count" = "Count" - 1
            WHERE "OrganizationId" = {row}."OrganizationId" AND "Type" = {row}."Type" AND "Status" = {Status(row)};
            UPDATE "LeadDailyCounts" SET "Count" = "Count" - 1, "DealValueMinor" = "DealValueMinor" - COALESCE({row}."DealValueMinor", 0)
            WHERE "OrganizationId" = {row}."OrganizationId" AND "Day" = {Day(row)} AND "Type" = {row}."Type" AND "Status" = {Status(row)}
              AND "DeclineReason" = COALESCE({row}."DeclineReason", '') AND "Bucket" = {Bucket(row)} AND "DealCurrency" = COALESCE({row}."DealCurrency", '');
            """;

        private static readonly string[] TalliedColumns =
            ["OrganizationId", "Type", "Stage", "Outcome", "ReceivedAtUtc", "DeclineReason", "ResponseTimeSeconds", "DealCurrency", "DealValueMinor"];

        private static readonly string[] SearchedColumns = ["CustomerCompanyName", "CustomerContactName", "CustomerEmail", "DealName"];

        private static string Changed(string[] columns) => string.Join(" OR ", columns.Select(c => $"OLD.\"{c}\" IS NOT NEW.\"{c}\""));

        private static string Quoted(string[] columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

        public static IReadOnlyList<string> Create =>
        [
            $"""
            CREATE TRIGGER "Leads_Tallies" AFTER INSERT ON "Leads"
            BEGIN
            {Add("NEW")}
            INSERT INTO "LeadSearch" ("rowid", "Text") VALUES (NEW."Id", {SearchText("NEW")});
            END;
            """,
            $"""
            CREATE TRIGGER "Leads_Tallies_Update" AFTER UPDATE OF {Quoted(TalliedColumns)} ON "Leads"
            WHEN {Changed(TalliedColumns)}
            BEGIN
            {Remove("OLD")}
            {Add("NEW")}
            END;
            """,
            $"""
            CREATE TRIGGER "Leads_Search_Update" AFTER UPDATE OF {Quoted(SearchedColumns)} ON "Leads"
            WHEN {Changed(SearchedColumns)}
            BEGIN
            UPDATE "LeadSearch" SET "Text" = {SearchText("NEW")} WHERE "rowid" = NEW."Id";
            END;
            """,
            $"""
            CREATE TRIGGER "Leads_Tallies_Delete" AFTER DELETE ON "Leads"
            BEGIN
            {Remove("OLD")}
            DELETE FROM "LeadSearch" WHERE "rowid" = OLD."Id";
            END;
            """,
            $"""
            INSERT INTO "LeadStatusCounts" ("OrganizationId", "Type", "Status", "Count")
            SELECT l."OrganizationId", l."Type", {Status("l")}, COUNT(*) FROM "Leads" l
            GROUP BY l."OrganizationId", l."Type", {Status("l")};
            """,
            $"""
            INSERT INTO "LeadDailyCounts" ("OrganizationId", "Day", "Type", "Status", "DeclineReason", "Bucket", "DealCurrency", "Count", "DealValueMinor")
            SELECT l."OrganizationId", {Day("l")}, l."Type", {Status("l")}, COALESCE(l."DeclineReason", ''), {Bucket("l")},
                   COALESCE(l."DealCurrency", ''), COUNT(*), COALESCE(SUM(l."DealValueMinor"), 0)
            FROM "Leads" l
            GROUP BY l."OrganizationId", {Day("l")}, l."Type", {Status("l")}, COALESCE(l."DeclineReason", ''), {Bucket("l")}, COALESCE(l."DealCurrency", '');
            """,
            $"""INSERT INTO "LeadSearch" ("rowid", "Text") SELECT l."Id", {SearchText("l")} FROM "Leads" l;""",
        ];

        public static IReadOnlyList<string> Drop =>
        [
            """DROP TRIGGER "Leads_Tallies";""",
            """DROP TRIGGER "Leads_Tallies_Update";""",
            """DROP TRIGGER "Leads_Search_Update";""",
            """DROP TRIGGER "Leads_Tallies_Delete";""",
        ];
    }
}
