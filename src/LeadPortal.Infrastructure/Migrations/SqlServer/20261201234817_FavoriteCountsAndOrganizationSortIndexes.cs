using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadPortal.Infrastructure.Migrations.SqlServer
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
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    OrganizationId = table.Column<int>(type: "int", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        private static string Rows(string table, string sign) =>
            $"SELECT [UserId], [OrganizationId], [Type], COALESCE([Outcome], [Stage]) AS [Status], {sign}1 AS [Delta] FROM {table}";

        public static readonly string[] Up =
        [
            $"""
            CREATE TRIGGER [FavoriteLeads_Counts] ON [FavoriteLeads] AFTER INSERT, UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                IF NOT EXISTS (SELECT 1 FROM inserted) AND NOT EXISTS (SELECT 1 FROM deleted) RETURN;

                WITH [changes] AS ({Rows("inserted", "")} UNION ALL {Rows("deleted", "-")}),
                     [net] AS (SELECT [UserId], [OrganizationId], [Type], [Status], SUM([Delta]) AS [Delta] FROM [changes]
                               GROUP BY [UserId], [OrganizationId], [Type], [Status] HAVING SUM([Delta]) <> 0)
                MERGE [FavoriteStatusCounts] WITH (HOLDLOCK) AS [t]
                USING [net] AS [s] ON [t].[UserId] = [s].[UserId] AND [t].[OrganizationId] = [s].[OrganizationId]
                    AND [t].[Type] = [s].[Type] AND [t].[Status] = [s].[Status]
                WHEN MATCHED THEN UPDATE SET [Count] = [t].[Count] + [s].[Delta]
                WHEN NOT MATCHED THEN INSERT ([UserId], [OrganizationId], [Type], [Status], [Count])
                    VALUES ([s].[UserId], [s].[OrganizationId], [s].[Type], [s].[Status], [s].[Delta]);
            END;
            """,
            """
            INSERT INTO [FavoriteStatusCounts] ([UserId], [OrganizationId], [Type], [Status], [Count])
            SELECT [UserId], [OrganizationId], [Type], COALESCE([Outcome], [Stage]), COUNT(*) FROM [FavoriteLeads]
            GROUP BY [UserId], [OrganizationId], [Type], COALESCE([Outcome], [Stage]);
            """,
        ];

        public static readonly string[] Down = ["DROP TRIGGER [FavoriteLeads_Counts];"];
    }
}
