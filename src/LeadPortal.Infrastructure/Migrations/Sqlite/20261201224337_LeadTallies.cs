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
                    Measure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    DealValueMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadDailyCounts", x => new { x.OrganizationId, x.Measure, x.Day, x.Type, x.Value, x.Currency });
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
    /// UTC date of ReceivedAtUtc (stored as 'yyyy-MM-dd HH:mm:ss…'); the buckets are ResponseBuckets' limits. A lead
    /// counts once in each daily measure that applies to it: Status always, ResponseBucket once answered,
    /// DeclineReason once declined, Deal while it has a deal.
    /// </summary>
    internal static class TallySql
    {
        private static string Status(string row) => $"COALESCE({row}.\"Outcome\", {row}.\"Stage\")";

        private static string Day(string row) => $"substr({row}.\"ReceivedAtUtc\", 1, 10)";

        private static string Bucket(string row) => $"""
            CAST(CASE WHEN {row}."ResponseTimeSeconds" <= 3600 THEN 0
                 WHEN {row}."ResponseTimeSeconds" <= 14400 THEN 1
                 WHEN {row}."ResponseTimeSeconds" <= 86400 THEN 2
                 WHEN {row}."ResponseTimeSeconds" <= 259200 THEN 3
                 WHEN {row}."ResponseTimeSeconds" <= 604800 THEN 4
                 WHEN {row}."ResponseTimeSeconds" <= 1209600 THEN 5
                 ELSE 6 END AS TEXT)
            """;

        private static string SearchText(string row) =>
            $"{row}.\"CustomerCompanyName\" || char(10) || {row}.\"CustomerContactName\" || char(10) || {row}.\"CustomerEmail\" || char(10) || COALESCE({row}.\"DealName\", '')";

        /// <summary>Each daily measure of a row: its name, its value, its currency, its deal value and when it applies.</summary>
        private static (string Measure, string Value, string Currency, string DealValue, string When)[] Measures(string row) =>
        [
            ("Status", Status(row), "''", "0", "1"),
            ("ResponseBucket", Bucket(row), "''", "0", $"{row}.\"ResponseTimeSeconds\" IS NOT NULL"),
            ("DeclineReason", $"{row}.\"DeclineReason\"", "''", "0", $"{row}.\"DeclineReason\" IS NOT NULL"),
            ("Deal", Status(row), $"{row}.\"DealCurrency\"", $"{row}.\"DealValueMinor\"", $"{row}.\"DealCurrency\" IS NOT NULL"),
        ];

        private static string Add(string row) =>
            $"""
            INSERT INTO "LeadStatusCounts" ("OrganizationId", "Type", "Status", "Count")
            VALUES ({row}."OrganizationId", {row}."Type", {Status(row)}, 1)
            ON CONFLICT ("OrganizationId", "Type", "Status") DO UPDATE SET "Count" = "Count" + 1;
            """ + string.Concat(Measures(row).Select(m => $"""

            INSERT INTO "LeadDailyCounts" ("OrganizationId", "Measure", "Day", "Type", "Value", "Currency", "Count", "DealValueMinor")
            SELECT {row}."OrganizationId", '{m.Measure}', {Day(row)}, {row}."Type", {m.Value}, {m.Currency}, 1, {m.DealValue} WHERE {m.When}
            ON CONFLICT ("OrganizationId", "Measure", "Day", "Type", "Value", "Currency")
            DO UPDATE SET "Count" = "Count" + 1, "DealValueMinor" = "DealValueMinor" + excluded."DealValueMinor";
            """));

        private static string Remove(string row) =>
            $"""
            UPDATE "LeadStatusCounts" SET "Count" = "Count" - 1
            WHERE "OrganizationId" = {row}."OrganizationId" AND "Type" = {row}."Type" AND "Status" = {Status(row)};
            """ + string.Concat(Measures(row).Select(m => $"""

            UPDATE "LeadDailyCounts" SET "Count" = "Count" - 1, "DealValueMinor" = "DealValueMinor" - {m.DealValue}
            WHERE {m.When} AND "OrganizationId" = {row}."OrganizationId" AND "Measure" = '{m.Measure}' AND "Day" = {Day(row)}
              AND "Type" = {row}."Type" AND "Value" = {m.Value} AND "Currency" = {m.Currency};
            """));

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
            .. Measures("l").Select(m => $"""
                INSERT INTO "LeadDailyCounts" ("OrganizationId", "Measure", "Day", "Type", "Value", "Currency", "Count", "DealValueMinor")
                SELECT l."OrganizationId", '{m.Measure}', {Day("l")}, l."Type", {m.Value}, {m.Currency}, COUNT(*), SUM({m.DealValue})
                FROM "Leads" l WHERE {m.When}
                GROUP BY l."OrganizationId", {Day("l")}, l."Type", {m.Value}, {m.Currency};
                """),
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
