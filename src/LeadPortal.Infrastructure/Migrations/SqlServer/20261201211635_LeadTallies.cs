using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.SqlServer
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
                type: "bigint",
                nullable: false,
                computedColumnSql: "COALESCE(\"DealValueMinor\", -1)",
                stored: false);

            migrationBuilder.CreateTable(
                name: "LeadDailyCounts",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DeclineReason = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Bucket = table.Column<int>(type: "int", nullable: false),
                    DealCurrency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    DealValueMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadDailyCounts", x => new { x.OrganizationId, x.Day, x.Type, x.Status, x.DeclineReason, x.Bucket, x.DealCurrency });
                });

            migrationBuilder.CreateTable(
                name: "LeadStatusCounts",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
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

            foreach (var statement in TallySql.Create)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER [Leads_Tallies];");
            migrationBuilder.Sql("DROP TABLE [LeadSearch];");

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
    /// The statement trigger that keeps LeadStatusCounts, LeadDailyCounts and LeadSearch equal to what the Leads table
    /// says, from the inserted and deleted rows of each statement (so a set-based update costs one grouped MERGE), and
    /// the statements that fill them from the leads already there. Status is COALESCE(Outcome, Stage); the day is the
    /// UTC date of ReceivedAtUtc; the buckets are ResponseBuckets' limits. SQL Server has no trigram index: the search
    /// reads the narrow LeadSearch table instead of the leads.
    /// </summary>
    internal static class TallySql
    {
        private const string Bucket = """
            CASE WHEN [ResponseTimeSeconds] IS NULL THEN -1
                 WHEN [ResponseTimeSeconds] <= 3600 THEN 0
                 WHEN [ResponseTimeSeconds] <= 14400 THEN 1
                 WHEN [ResponseTimeSeconds] <= 86400 THEN 2
                 WHEN [ResponseTimeSeconds] <= 259200 THEN 3
                 WHEN [ResponseTimeSeconds] <= 604800 THEN 4
                 WHEN [ResponseTimeSeconds] <= 1209600 THEN 5
                 ELSE 6 END
            """;

        private const string SearchText =
            "CONCAT([CustomerCompanyName], NCHAR(10), [CustomerContactName], NCHAR(10), [CustomerEmail], NCHAR(10), COALESCE([DealName], N''))";

        private static string StatusRows(string table, string sign) => $"""
            SELECT [OrganizationId], [Type], COALESCE([Outcome], [Stage]) AS [Status], {sign}1 AS [Delta] FROM {table}
            """;

        private static string DailyRows(string table, string sign) => $"""
            SELECT [OrganizationId], CONVERT(date, [ReceivedAtUtc]) AS [Day], [Type], COALESCE([Outcome], [Stage]) AS [Status],
                   COALESCE([DeclineReason], N'') AS [DeclineReason], {Bucket} AS [Bucket], COALESCE([DealCurrency], N'') AS [DealCurrency],
                   {sign}1 AS [Delta], {sign}COALESCE([DealValueMinor], 0) AS [DealValueMinor]
            FROM {table}
            """;

        public static IReadOnlyList<string> Create =>
        [
            "CREATE TABLE [LeadSearch] ([LeadId] bigint NOT NULL CONSTRAINT [PK_LeadSearch] PRIMARY KEY, [Text] nvarchar(1000) NOT NULL);",
            $"""
            CREATE TRIGGER [Leads_Tallies] ON [Leads] AFTER INSERT, UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                IF NOT EXISTS (SELECT 1 FROM inserted) AND NOT EXISTS (SELECT 1 FROM deleted) RETURN;

                WITH [changes] AS ({StatusRows("inserted", "")} UNION ALL {StatusRows("deleted", "-")}),
                     [net] AS (SELECT [OrganizationId], [Type], [Status], SUM([Delta]) AS [Delta] FROM [changes]
                               GROUP BY [OrganizationId], [Type], [Status] HAVING SUM([Delta]) <> 0)
                MERGE [LeadStatusCounts] WITH (HOLDLOCK) AS [t]
                USING [net] AS [s] ON [t].[OrganizationId] = [s].[OrganizationId] AND [t].[Type] = [s].[Type] AND [t].[Status] = [s].[Status]
                WHEN MATCHED THEN UPDATE SET [Count] = [t].[Count] + [s].[Delta]
                WHEN NOT MATCHED THEN INSERT ([OrganizationId], [Type], [Status], [Count]) VALUES ([s].[OrganizationId], [s].[Type], [s].[Status], [s].[Delta]);

                WITH [changes] AS ({DailyRows("inserted", "")} UNION ALL {DailyRows("deleted", "-")}),
                     [net] AS (SELECT [OrganizationId], [Day], [Type], [Status], [DeclineReason], [Bucket], [DealCurrency],
                                      SUM([Delta]) AS [Delta], SUM([DealValueMinor]) AS [DealValueMinor]
                               FROM [changes]
                               GROUP BY [OrganizationId], [Day], [Type], [Status], [DeclineReason], [Bucket], [DealCurrency]
                               HAVING SUM([Delta]) <> 0 OR SUM([DealValueMinor]) <> 0)
                MERGE [LeadDailyCounts] WITH (HOLDLOCK) AS [t]
                USING [net] AS [s] ON [t].[OrganizationId] = [s].[OrganizationId] AND [t].[Day] = [s].[Day] AND [t].[Type] = [s].[Type]
                    AND [t].[Status] = [s].[Status] AND [t].[DeclineReason] = [s].[DeclineReason] AND [t].[Bucket] = [s].[Bucket]
                    AND [t].[DealCurrency] = [s].[DealCurrency]
                WHEN MATCHED THEN UPDATE SET [Count] = [t].[Count] + [s].[Delta], [DealValueMinor] = [t].[DealValueMinor] + [s].[DealValueMinor]
                WHEN NOT MATCHED THEN INSERT ([OrganizationId], [Day], [Type], [Status], [DeclineReason], [Bucket], [DealCurrency], [Count], [DealValueMinor])
                    VALUES ([s].[OrganizationId], [s].[Day], [s].[Type], [s].[Status], [s].[DeclineReason], [s].[Bucket], [s].[DealCurrency], [s].[Delta], [s].[DealValueMinor]);

                DELETE [LeadSearch] FROM [LeadSearch] JOIN deleted AS [d] ON [LeadSearch].[LeadId] = [d].[Id]
                WHERE NOT EXISTS (SELECT 1 FROM inserted AS [i] WHERE [i].[Id] = [d].[Id]);
                MERGE [LeadSearch] AS [t]
                USING (SELECT [Id], {SearchText} AS [Text] FROM inserted) AS [s] ON [t].[LeadId] = [s].[Id]
                WHEN MATCHED AND [t].[Text] <> [s].[Text] THEN UPDATE SET [Text] = [s].[Text]
                WHEN NOT MATCHED THEN INSERT ([LeadId], [Text]) VALUES ([s].[Id], [s].[Text]);
            END;
            """,
            """
            INSERT INTO [LeadStatusCounts] ([OrganizationId], [Type], [Status], [Count])
            SELECT [OrganizationId], [Type], COALESCE([Outcome], [Stage]), COUNT(*) FROM [Leads]
            GROUP BY [OrganizationId], [Type], COALESCE([Outcome], [Stage]);
            """,
            $"""
            INSERT INTO [LeadDailyCounts] ([OrganizationId], [Day], [Type], [Status], [DeclineReason], [Bucket], [DealCurrency], [Count], [DealValueMinor])
            SELECT [OrganizationId], [Day], [Type], [Status], [DeclineReason], [Bucket], [DealCurrency], SUM([Delta]), SUM([DealValueMinor])
            FROM ({DailyRows("[Leads]", "")}) AS [l]
            GROUP BY [OrganizationId], [Day], [Type], [Status], [DeclineReason], [Bucket], [DealCurrency];
            """,
            $"INSERT INTO [LeadSearch] ([LeadId], [Text]) SELECT [Id], {SearchText} FROM [Leads];",
        ];
    }
}
