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
                    Measure = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    DealValueMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadDailyCounts", x => new { x.OrganizationId, x.Measure, x.Day, x.Type, x.Value, x.Currency });
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
    /// says, from the inserted and deleted rows of each statement (so a set-based update costs one grouped MERGE per
    /// table), and the statements that fill them from the leads already there. Status is COALESCE(Outcome, Stage); the
    /// day is the UTC date of ReceivedAtUtc; the buckets are ResponseBuckets' limits; a lead counts once in each daily
    /// measure that applies to it. SQL Server has no substring index: the search reads the narrow LeadSearch table.
    /// </summary>
    internal static class TallySql
    {
        private const string Bucket = """
            CASE WHEN [ResponseTimeSeconds] <= 3600 THEN N'0'
                 WHEN [ResponseTimeSeconds] <= 14400 THEN N'1'
                 WHEN [ResponseTimeSeconds] <= 86400 THEN N'2'
                 WHEN [ResponseTimeSeconds] <= 259200 THEN N'3'
                 WHEN [ResponseTimeSeconds] <= 604800 THEN N'4'
                 WHEN [ResponseTimeSeconds] <= 1209600 THEN N'5'
                 ELSE N'6' END
            """;

        private const string SearchText =
            "CONCAT([CustomerCompanyName], NCHAR(10), [CustomerContactName], NCHAR(10), [CustomerEmail], NCHAR(10), COALESCE([DealName], N''))";

        private static string StatusRows(string table, string sign) => $"""
            SELECT [OrganizationId], [Type], COALESCE([Outcome], [Stage]) AS [Status], {sign}1 AS [Delta] FROM {table}
            """;

        private static string DailyRows(string table, string sign) => $"""
            SELECT [r].[OrganizationId], [m].[Measure], CONVERT(date, [r].[ReceivedAtUtc]) AS [Day], [r].[Type], [m].[Value], [m].[Currency],
                   {sign}1 AS [Delta], {sign}[m].[DealValue] AS [DealValueMinor]
            FROM {table} AS [r]
            CROSS APPLY (VALUES
                (N'Status', COALESCE([r].[Outcome], [r].[Stage]), N'', CAST(0 AS bigint), 1),
                (N'ResponseBucket', {Bucket.Replace("[ResponseTimeSeconds]", "[r].[ResponseTimeSeconds]", StringComparison.Ordinal)}, N'', CAST(0 AS bigint),
                    CASE WHEN [r].[ResponseTimeSeconds] IS NULL THEN 0 ELSE 1 END),
                (N'DeclineReason', [r].[DeclineReason], N'', CAST(0 AS bigint), CASE WHEN [r].[DeclineReason] IS NULL THEN 0 ELSE 1 END),
                (N'Deal', COALESCE([r].[Outcome], [r].[Stage]), [r].[DealCurrency], COALESCE([r].[DealValueMinor], 0),
                    CASE WHEN [r].[DealCurrency] IS NULL THEN 0 ELSE 1 END)
            ) AS [m]([Measure], [Value], [Currency], [DealValue], [Applies])
            WHERE [m].[Applies] = 1
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
                     [net] AS (SELECT [OrganizationId], [Measure], [Day], [Type], [Value], [Currency],
                                      SUM([Delta]) AS [Delta], SUM([DealValueMinor]) AS [DealValueMinor]
                               FROM [changes]
                               GROUP BY [OrganizationId], [Measure], [Day], [Type], [Value], [Currency]
                               HAVING SUM([Delta]) <> 0 OR SUM([DealValueMinor]) <> 0)
                MERGE [LeadDailyCounts] WITH (HOLDLOCK) AS [t]
                USING [net] AS [s] ON [t].[OrganizationId] = [s].[OrganizationId] AND [t].[Measure] = [s].[Measure] AND [t].[Day] = [s].[Day]
                    AND [t].[Type] = [s].[Type] AND [t].[Value] = [s].[Value] AND [t].[Currency] = [s].[Currency]
                WHEN MATCHED THEN UPDATE SET [Count] = [t].[Count] + [s].[Delta], [DealValueMinor] = [t].[DealValueMinor] + [s].[DealValueMinor]
                WHEN NOT MATCHED THEN INSERT ([OrganizationId], [Measure], [Day], [Type], [Value], [Currency], [Count], [DealValueMinor])
                    VALUES ([s].[OrganizationId], [s].[Measure], [s].[Day], [s].[Type], [s].[Value], [s].[Currency], [s].[Delta], [s].[DealValueMinor]);

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
            INSERT INTO [LeadDailyCounts] ([OrganizationId], [Measure], [Day], [Type], [Value], [Currency], [Count], [DealValueMinor])
            SELECT [OrganizationId], [Measure], [Day], [Type], [Value], [Currency], SUM([Delta]), SUM([DealValueMinor])
            FROM ({DailyRows("[Leads]", "")}) AS [l]
            GROUP BY [OrganizationId], [Measure], [Day], [Type], [Value], [Currency];
            """,
            $"INSERT INTO [LeadSearch] ([LeadId], [Text]) SELECT [Id], {SearchText} FROM [Leads];",
        ];
    }
}
