namespace LeadPortal.Infrastructure.Migrations.PostgreSql
{
    /// <summary>
    /// What the other providers' LeadTallies, FavoriteSortKeys and FavoriteCounts migrations create, for PostgreSQL:
    /// statement triggers over the transition tables of each INSERT, UPDATE and DELETE, so a set-based change costs one
    /// grouped upsert per kept table (as the SQL Server triggers do with MERGE). Status is COALESCE(Outcome, Stage); the
    /// day is the UTC date of ReceivedAtUtc; the buckets are ResponseBuckets' limits. The search text is indexed by
    /// pg_trgm, which answers LIKE and ILIKE '%…%'. Each upsert takes its rows in key order, so two transactions that
    /// change the same counts lock them in the same order.
    /// </summary>
    internal static class TriggerSql
    {
        private const string Bucket = """
            CASE WHEN r."ResponseTimeSeconds" <= 3600 THEN '0'
                 WHEN r."ResponseTimeSeconds" <= 14400 THEN '1'
                 WHEN r."ResponseTimeSeconds" <= 86400 THEN '2'
                 WHEN r."ResponseTimeSeconds" <= 259200 THEN '3'
                 WHEN r."ResponseTimeSeconds" <= 604800 THEN '4'
                 WHEN r."ResponseTimeSeconds" <= 1209600 THEN '5'
                 ELSE '6' END
            """;

        private const string SearchText =
            """r."CustomerCompanyName" || E'\n' || r."CustomerContactName" || E'\n' || r."CustomerEmail" || E'\n' || COALESCE(r."DealName", '')""";

        private static string StatusRows(string table, string sign) =>
            $"""SELECT r."OrganizationId", r."Type", COALESCE(r."Outcome", r."Stage") AS "Status", {sign}1 AS "Delta" FROM {table} AS r""";

        private static string DailyRows(string table, string sign) => $"""
            SELECT r."OrganizationId", m."Measure", (r."ReceivedAtUtc" AT TIME ZONE 'UTC')::date AS "Day", r."Type", m."Value", m."Currency",
                   {sign}1 AS "Delta", {sign}m."DealValue" AS "DealValueMinor"
            FROM {table} AS r
            CROSS JOIN LATERAL (VALUES
                ('Status', COALESCE(r."Outcome", r."Stage"), '', 0::bigint, TRUE),
                ('ResponseBucket', {Bucket}, '', 0::bigint, r."ResponseTimeSeconds" IS NOT NULL),
                ('DeclineReason', r."DeclineReason", '', 0::bigint, r."DeclineReason" IS NOT NULL),
                ('Deal', COALESCE(r."Outcome", r."Stage"), r."DealCurrency", COALESCE(r."DealValueMinor", 0), r."DealCurrency" IS NOT NULL)
            ) AS m("Measure", "Value", "Currency", "DealValue", "Applies")
            WHERE m."Applies"
            """;

        private static string FavoriteRows(string table, string sign) =>
            $"""SELECT r."UserId", r."OrganizationId", r."Type", COALESCE(r."Outcome", r."Stage") AS "Status", {sign}1 AS "Delta" FROM {table} AS r""";

        private static string Changes(string op, Func<string, string, string> rows) => op switch
        {
            "INSERT" => rows("new_rows", ""),
            "DELETE" => rows("old_rows", "-"),
            _ => $"{rows("new_rows", "")} UNION ALL {rows("old_rows", "-")}",
        };

        private static string LeadTallies(string op) => $"""
            INSERT INTO "LeadStatusCounts" AS t ("OrganizationId", "Type", "Status", "Count")
            SELECT "OrganizationId", "Type", "Status", SUM("Delta") FROM ({Changes(op, StatusRows)}) AS c
            GROUP BY "OrganizationId", "Type", "Status" HAVING SUM("Delta") <> 0
            ORDER BY "OrganizationId", "Type", "Status"
            ON CONFLICT ("OrganizationId", "Type", "Status") DO UPDATE SET "Count" = t."Count" + EXCLUDED."Count";

            INSERT INTO "LeadDailyCounts" AS t ("OrganizationId", "Measure", "Day", "Type", "Value", "Currency", "Count", "DealValueMinor")
            SELECT "OrganizationId", "Measure", "Day", "Type", "Value", "Currency", SUM("Delta"), SUM("DealValueMinor")
            FROM ({Changes(op, DailyRows)}) AS c
            GROUP BY "OrganizationId", "Measure", "Day", "Type", "Value", "Currency"
            HAVING SUM("Delta") <> 0 OR SUM("DealValueMinor") <> 0
            ORDER BY "OrganizationId", "Measure", "Day", "Type", "Value", "Currency"
            ON CONFLICT ("OrganizationId", "Measure", "Day", "Type", "Value", "Currency")
            DO UPDATE SET "Count" = t."Count" + EXCLUDED."Count", "DealValueMinor" = t."DealValueMinor" + EXCLUDED."DealValueMinor";
            """ + op switch
        {
            "INSERT" => $"""
                INSERT INTO "LeadSearch" ("LeadId", "Text") SELECT r."Id", {SearchText} FROM new_rows AS r;
                """,
            "DELETE" => """
                DELETE FROM "LeadSearch" AS s USING old_rows AS r WHERE s."LeadId" = r."Id";
                """,
            _ => $"""
                UPDATE "LeadSearch" AS s SET "Text" = {SearchText} FROM new_rows AS r
                WHERE s."LeadId" = r."Id" AND s."Text" IS DISTINCT FROM {SearchText};

                UPDATE "FavoriteLeads" AS f
                SET "OrganizationId" = r."OrganizationId", "Type" = r."Type", "Stage" = r."Stage", "Outcome" = r."Outcome",
                    "ReceivedAtUtc" = r."ReceivedAtUtc", "ResponseDeadlineUtc" = r."ResponseDeadlineUtc", "DealSortValue" = COALESCE(r."DealValueMinor", -1)
                FROM new_rows AS r
                WHERE f."LeadId" = r."Id"
                  AND (f."OrganizationId", f."Type", f."Stage", f."Outcome", f."ReceivedAtUtc", f."ResponseDeadlineUtc", f."DealSortValue")
                      IS DISTINCT FROM (r."OrganizationId", r."Type", r."Stage", r."Outcome", r."ReceivedAtUtc", r."ResponseDeadlineUtc", COALESCE(r."DealValueMinor", -1));
                """,
        };

        private static string FavoriteCounts(string op) => $"""
            INSERT INTO "FavoriteStatusCounts" AS t ("UserId", "OrganizationId", "Type", "Status", "Count")
            SELECT "UserId", "OrganizationId", "Type", "Status", SUM("Delta") FROM ({Changes(op, FavoriteRows)}) AS c
            GROUP BY "UserId", "OrganizationId", "Type", "Status" HAVING SUM("Delta") <> 0
            ORDER BY "UserId", "OrganizationId", "Type", "Status"
            ON CONFLICT ("UserId", "OrganizationId", "Type", "Status") DO UPDATE SET "Count" = t."Count" + EXCLUDED."Count";
            """;

        private static readonly string[] Operations = ["INSERT", "UPDATE", "DELETE"];

        private static string Referencing(string op) => op switch
        {
            "INSERT" => "REFERENCING NEW TABLE AS new_rows",
            "DELETE" => "REFERENCING OLD TABLE AS old_rows",
            _ => "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
        };

        /// <summary>A function and a statement trigger per operation: PostgreSQL gives transition tables to single-event triggers only.</summary>
        private static IEnumerable<string> StatementTriggers(string table, string name, Func<string, string> body) =>
            Operations.SelectMany(op => new[]
            {
                $"""
                CREATE FUNCTION "{name}_{op.ToLowerInvariant()}"() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                {body(op)}
                RETURN NULL;
                END
                $body$;
                """,
                $"""
                CREATE TRIGGER "{name}_{op.ToLowerInvariant()}" AFTER {op} ON "{table}" {Referencing(op)}
                FOR EACH STATEMENT EXECUTE FUNCTION "{name}_{op.ToLowerInvariant()}"();
                """,
            });

        public static IEnumerable<string> Create =>
        [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
            """CREATE TABLE "LeadSearch" ("LeadId" bigint NOT NULL CONSTRAINT "PK_LeadSearch" PRIMARY KEY, "Text" text NOT NULL);""",
            """CREATE INDEX "IX_LeadSearch_Text" ON "LeadSearch" USING gin ("Text" gin_trgm_ops);""",
            .. StatementTriggers("Leads", "Leads_Tallies", LeadTallies),
            // A new favorite takes the lead's keys before it is written, so its count is kept with the right status.
            """
            CREATE FUNCTION "FavoriteLeads_CopyLead"() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
            SELECT l."OrganizationId", l."Type", l."Stage", l."Outcome", l."ReceivedAtUtc", l."ResponseDeadlineUtc", COALESCE(l."DealValueMinor", -1)
            INTO NEW."OrganizationId", NEW."Type", NEW."Stage", NEW."Outcome", NEW."ReceivedAtUtc", NEW."ResponseDeadlineUtc", NEW."DealSortValue"
            FROM "Leads" AS l WHERE l."Id" = NEW."LeadId";
            RETURN NEW;
            END
            $body$;
            """,
            """
            CREATE TRIGGER "FavoriteLeads_CopyLead" BEFORE INSERT ON "FavoriteLeads"
            FOR EACH ROW EXECUTE FUNCTION "FavoriteLeads_CopyLead"();
            """,
            .. StatementTriggers("FavoriteLeads", "FavoriteLeads_Counts", FavoriteCounts),
        ];
    }
}
