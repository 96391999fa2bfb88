using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialIndexesAndBatchTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OrganizationId_Stage_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Stage_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OpenContactRequests",
                table: "Leads",
                column: "ReceivedAtUtc",
                filter: "\"ContactRequested\" AND \"Stage\" <> 'Archived' AND NOT (\"ContactUrgencyLapsed\")");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OpenContactRequests_OrganizationId",
                table: "Leads",
                columns: new[] { "OrganizationId", "ReceivedAtUtc" },
                filter: "\"ContactRequested\" AND \"Stage\" <> 'Archived' AND NOT (\"ContactUrgencyLapsed\")");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Received_OrganizationId_ResponseDeadlineUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "ResponseDeadlineUtc" },
                filter: "\"Stage\" = 'Received'");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Received_ResponseDeadlineUtc",
                table: "Leads",
                column: "ResponseDeadlineUtc",
                filter: "\"Stage\" = 'Received'");

            migrationBuilder.Sql(PausableTriggerSql.CreateTable);
            migrationBuilder.Sql("""DROP TRIGGER "Leads_Tallies_Update";""");
            migrationBuilder.Sql(PausableTriggerSql.Pausable(TallySql.Create[1]));
            migrationBuilder.Sql("""DROP TRIGGER "Leads_Favorites";""");
            migrationBuilder.Sql(PausableTriggerSql.Pausable(FavoriteSql.KeepOnUpdate));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Leads_Tallies_Update";""");
            migrationBuilder.Sql(TallySql.Create[1]);
            migrationBuilder.Sql("""DROP TRIGGER "Leads_Favorites";""");
            migrationBuilder.Sql(FavoriteSql.KeepOnUpdate);
            migrationBuilder.Sql("""DROP TABLE "LeadTriggersPaused";""");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OpenContactRequests",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OpenContactRequests_OrganizationId",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Received_OrganizationId_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_Received_ResponseDeadlineUtc",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "Stage", "ContactRequested", "ContactUrgencyLapsed", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganizationId_Stage_ResponseDeadlineUtc",
                table: "Leads",
                columns: new[] { "OrganizationId", "Stage", "ResponseDeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Stage_ContactRequested_ContactUrgencyLapsed_ReceivedAtUtc",
                table: "Leads",
                columns: new[] { "Stage", "ContactRequested", "ContactUrgencyLapsed", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Stage_ResponseDeadlineUtc",
                table: "Leads",
                columns: new[] { "Stage", "ResponseDeadlineUtc" });
        }
    }
    /// <summary>
    /// The lead's update triggers, which keep the tallies and the favorites' copies row by row, made to stand aside
    /// while LeadTriggersPaused holds a row: a set-based writer (the expiry job) then keeps them itself in grouped
    /// statements, inside the same transaction.
    /// </summary>
    internal static class PausableTriggerSql
    {
        public const string CreateTable = """CREATE TABLE "LeadTriggersPaused" ("Id" INTEGER NOT NULL CONSTRAINT "PK_LeadTriggersPaused" PRIMARY KEY);""";

        public static string Pausable(string trigger)
        {
            var when = trigger.IndexOf("WHEN ", StringComparison.Ordinal) + "WHEN ".Length;
            var begin = trigger.IndexOf("\nBEGIN", when, StringComparison.Ordinal);
            return trigger[..when] + """NOT EXISTS (SELECT 1 FROM "LeadTriggersPaused") AND (""" + trigger[when..begin] + ")" + trigger[begin..];
        }
    }
}
