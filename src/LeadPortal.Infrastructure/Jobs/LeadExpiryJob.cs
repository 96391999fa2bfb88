using System.Globalization;
using Hangfire;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Data.Configurations;
using LeadPortal.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadPortal.Infrastructure.Jobs;

/// <summary>
/// Archives as Expired every Received lead whose response deadline has passed, with one history entry and one
/// notification to the sender per lead. Set-based, in batches of ids; the update is conditional on the lead still
/// being Received and due, so a lead answered meanwhile is never expired, and a re-run or a second instance finds nothing.
/// </summary>
public sealed class LeadExpiryJob(LeadPortalDbContext db, TimeProvider clock, JobOptions options, ILogger<LeadExpiryJob> logger)
{
    public const string Id = "lead-expiry";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ids = await db.EveryOrganizationsLeads.AsNoTracking()
                .Where(l => l.Stage == LeadStage.Received && l.ResponseDeadlineUtc <= now)
                // The (Stage, ResponseDeadlineUtc) index delivers this order: no batch re-sorts the overdue leads left.
                .OrderBy(l => l.ResponseDeadlineUtc).ThenBy(l => l.Id)
                .Select(l => l.Id)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            total += await ExpireBatchAsync(ids, now, cancellationToken);
        }

        if (total > 0)
        {
            logger.LogInformation("Expired {Count} leads not answered by their deadline", total);
        }

        return total;
    }

    private Task<int> ExpireBatchAsync(List<long> ids, DateTime now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var provider = db.Database.IsSqlite() ? DatabaseProvider.Sqlite : db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql : DatabaseProvider.SqlServer;
            var sql = ExpirySql.For(provider, ids);
            // SQLite stores a Guid as its upper-case text (EF's mapping); a raw Guid parameter would be bound as a blob.
            var run = Guid.NewGuid();
            object version = provider == DatabaseProvider.Sqlite ? run.ToString().ToUpperInvariant() : run;
#pragma warning disable EF1002 // The only interpolated values are ids read from the database as longs; the rest are parameters.
            foreach (var statement in sql.BeforeUpdate)
            {
                await db.Database.ExecuteSqlRawAsync(statement, ct);
            }

            var expired = await db.Database.ExecuteSqlRawAsync(sql.Update, [now, version], ct);
            if (expired > 0)
            {
                foreach (var statement in sql.AfterUpdate)
                {
                    await db.Database.ExecuteSqlRawAsync(statement, [version], ct);
                }

                await db.Database.ExecuteSqlRawAsync(sql.History,
                    [now, Lead.SystemActor, nameof(LeadAction.Expire), nameof(LeadStage.Received), nameof(LeadStage.Archived), LeadChangesJson.Write([]), version],
                    ct);
                await db.Database.ExecuteSqlRawAsync(sql.Notifications, [nameof(NotificationKind.LeadExpired), now, version], ct);
                await db.Database.ExecuteSqlRawAsync(sql.Webhooks, [nameof(NotificationKind.WebhookLeadExpired), now, version], ct);
            }

            foreach (var statement in sql.Finally)
            {
                await db.Database.ExecuteSqlRawAsync(statement, ct);
            }
#pragma warning restore EF1002

            await transaction.CommitAsync(ct);
            return expired;
        }, cancellationToken);
}

/// <summary>
/// The expiry job's statements for one batch of ids, in each provider's SQL. The update is conditional on the lead
/// still being Received and due, and marks the leads it changes with the run's version, by which the rest find them.
/// Parameters: update {0} time, {1} the run's version; after the update {0} the run's version; history {0} time,
/// {1} actor, {2} action, {3} from, {4} to, {5} the changes (none), {6} the run's version; notifications and webhooks
/// {0} kind, {1} time, {2} the run's version.
/// </summary>
/// <remarks>
/// On SQLite the tallies and the favorites' copies of the lead are kept per row by triggers, which cost more than the
/// update itself when a thousand leads change at once. So the batch pauses them (a row in LeadTriggersPaused, which
/// the triggers test; no other writer can see it, since SQLite lets one transaction write at a time and the row is
/// gone before the commit) and moves the batch's counts in a few grouped statements, as the statement triggers of
/// PostgreSQL and SQL Server do on their own.
/// </remarks>
public sealed record ExpirySql(
    IReadOnlyList<string> BeforeUpdate, string Update, IReadOnlyList<string> AfterUpdate, string History, string Notifications, string Webhooks,
    IReadOnlyList<string> Finally)
{
    public static ExpirySql For(DatabaseProvider provider, IReadOnlyList<long> leadIds)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        // On SQLite the ids start with the run's time and the lead's id, so a batch's entries go to one end of the
        // history's primary-key index instead of random pages all over it (a third of the job's time when random).
        var newId = provider switch
        {
            DatabaseProvider.Sqlite => "printf('%08X-%04X-%04X-%04X-%012X', CAST(strftime('%s', 'now') AS INTEGER), (l.\"Id\" >> 32) & 65535, (l.\"Id\" >> 16) & 65535, l.\"Id\" & 65535, abs(random()) % 281474976710656)",
            DatabaseProvider.PostgreSql => "gen_random_uuid()",
            _ => "NEWID()",
        };
        var idList = string.Join(",", leadIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        // The outbox's unique index keeps one message per kind, lead and recipient. PostgreSQL is told to skip a row it
        // already holds (ON CONFLICT): a NOT EXISTS there may be planned, on a freshly grown outbox, as a scan of every
        // message of the kind for each lead.
        var postgres = provider == DatabaseProvider.PostgreSql;
        var onConflict = postgres ? "ON CONFLICT DO NOTHING" : "";
        string NotQueued(string lead, string recipient) => postgres ? "" :
            $$"""AND NOT EXISTS (SELECT 1 FROM "OutboxMessages" o WHERE o."Kind" = {0} AND o."LeadId" = {{lead}} AND o."Recipient" = {{recipient}})""";

        var sqlite = provider == DatabaseProvider.Sqlite;
        // A unary plus keeps SQLite on the ids: without statistics it would read every Received lead through the
        // deadline index instead (each batch scanning all those left).
        var notIndexed = sqlite ? "+" : "";
        var update = $$"""
            UPDATE "Leads" SET "Stage" = '{{LeadStage.Archived}}', "Outcome" = '{{LeadOutcome.Expired}}', "ArchivedAtUtc" = {0}, "UpdatedAtUtc" = {0}, "Version" = {1}
            WHERE "Id" IN ({{idList}}) AND {{notIndexed}}"Stage" = '{{LeadStage.Received}}' AND {{notIndexed}}"ResponseDeadlineUtc" <= {0}
            """;

        return new ExpirySql(
            sqlite ? SqliteBatchTallies.Pause : [],
            update,
            sqlite ? SqliteBatchTallies.Move(idList) : [],
            $$"""
            INSERT INTO "LeadHistory" ("Id", "LeadId", "Sequence", "AtUtc", "Actor", "Action", "FromStage", "ToStage", "Changes")
            SELECT {{newId}}, l."Id", (SELECT COUNT(*) FROM "LeadHistory" h WHERE h."LeadId" = l."Id") + 1, {0}, {1}, {2}, {3}, {4}, {5}
            FROM "Leads" l WHERE l."Id" IN ({{idList}}) AND l."Version" = {6}
            """,
            $$"""
            INSERT INTO "OutboxMessages" ("Kind", "LeadId", "Recipient", "RecipientName", "CreatedAtUtc", "NextAttemptAtUtc", "Attempts")
            SELECT {0}, l."Id", l."SenderEmail", l."SenderName", {1}, {1}, 0
            FROM "Leads" l WHERE l."Id" IN ({{idList}}) AND l."Version" = {2}
            {{NotQueued("l.\"Id\"", "l.\"SenderEmail\"")}}
            {{onConflict}}
            """,
            // Senders that came through the API with a webhook hear of the expiry too.
            $$"""
            INSERT INTO "OutboxMessages" ("Kind", "LeadId", "Recipient", "RecipientName", "ApiKeyId", "CreatedAtUtc", "NextAttemptAtUtc", "Attempts")
            SELECT {0}, s."LeadId", k."WebhookUrl", 'webhook', k."Id", {1}, {1}, 0
            FROM "ReferralSubmissions" s JOIN "ApiKeys" k ON k."Id" = s."ApiKeyId" JOIN "Leads" l ON l."Id" = s."LeadId"
            WHERE s."LeadId" IN ({{idList}}) AND l."Version" = {2} AND k."WebhookUrl" IS NOT NULL AND k."RevokedAtUtc" IS NULL
            {{NotQueued("s.\"LeadId\"", "k.\"WebhookUrl\"")}}
            {{onConflict}}
            """,
            sqlite ? SqliteBatchTallies.Resume : []);
    }
}

/// <summary>
/// What SQLite's row triggers would do for a batch of leads moved from Received to Expired, in grouped statements (see
/// the LeadTallies and FavoriteSortKeys migrations): the status counts, the daily Status and Deal measures (the
/// others read columns that expiry leaves alone), and the favorites' copy of the stage. Parameter {0}: the run's version.
/// </summary>
internal static class SqliteBatchTallies
{
    /// <summary>Pauses the triggers; the batch's leads are read once into a table of the connection's own.</summary>
    public static readonly IReadOnlyList<string> Pause =
    [
        """
        CREATE TEMP TABLE IF NOT EXISTS "ExpiredBatch" (
            "Id" INTEGER NOT NULL PRIMARY KEY, "OrganizationId" INTEGER NOT NULL, "Type" TEXT NOT NULL, "Day" TEXT NOT NULL,
            "DealCurrency" TEXT NULL, "DealValueMinor" INTEGER NULL)
        """,
        """DELETE FROM temp."ExpiredBatch" """,
        """INSERT INTO "LeadTriggersPaused" ("Id") VALUES (1)""",
    ];

    public static readonly IReadOnlyList<string> Resume = ["""DELETE FROM "LeadTriggersPaused" """, """DELETE FROM temp."ExpiredBatch" """];

    private const string From = nameof(LeadStatus.Received);
    private const string To = nameof(LeadStatus.Expired);

    public static IReadOnlyList<string> Move(string idList)
    {
        const string Daily = """
            SELECT "OrganizationId", 'Status' AS "Measure", "Day", "Type", '' AS "Currency", COUNT(*) AS "N", 0 AS "DealValueMinor"
            FROM temp."ExpiredBatch" GROUP BY "OrganizationId", "Day", "Type"
            UNION ALL
            SELECT "OrganizationId", 'Deal', "Day", "Type", "DealCurrency", COUNT(*), COALESCE(SUM("DealValueMinor"), 0)
            FROM temp."ExpiredBatch" WHERE "DealCurrency" IS NOT NULL GROUP BY "OrganizationId", "Day", "Type", "DealCurrency"
            """;
        return
        [
            $$"""
            INSERT INTO temp."ExpiredBatch" ("Id", "OrganizationId", "Type", "Day", "DealCurrency", "DealValueMinor")
            SELECT "Id", "OrganizationId", "Type", substr("ReceivedAtUtc", 1, 10), "DealCurrency", "DealValueMinor"
            FROM "Leads" WHERE "Id" IN ({{idList}}) AND "Version" = {0}
            """,
            $$"""
            UPDATE "LeadStatusCounts" AS c SET "Count" = c."Count" - m."N"
            FROM (SELECT "OrganizationId", "Type", COUNT(*) AS "N" FROM temp."ExpiredBatch" GROUP BY "OrganizationId", "Type") AS m
            WHERE c."OrganizationId" = m."OrganizationId" AND c."Type" = m."Type" AND c."Status" = '{{From}}'
            """,
            $$"""
            INSERT INTO "LeadStatusCounts" ("OrganizationId", "Type", "Status", "Count")
            SELECT "OrganizationId", "Type", '{{To}}', COUNT(*) FROM temp."ExpiredBatch" WHERE TRUE GROUP BY "OrganizationId", "Type"
            ON CONFLICT ("OrganizationId", "Type", "Status") DO UPDATE SET "Count" = "Count" + excluded."Count"
            """,
            $$"""
            UPDATE "LeadDailyCounts" AS c SET "Count" = c."Count" - m."N", "DealValueMinor" = c."DealValueMinor" - m."DealValueMinor"
            FROM ({{Daily}}) AS m
            WHERE c."OrganizationId" = m."OrganizationId" AND c."Measure" = m."Measure" AND c."Day" = m."Day" AND c."Type" = m."Type"
              AND c."Value" = '{{From}}' AND c."Currency" = m."Currency"
            """,
            $$"""
            INSERT INTO "LeadDailyCounts" ("OrganizationId", "Measure", "Day", "Type", "Value", "Currency", "Count", "DealValueMinor")
            SELECT "OrganizationId", "Measure", "Day", "Type", '{{To}}', "Currency", "N", "DealValueMinor" FROM ({{Daily}}) WHERE TRUE
            ON CONFLICT ("OrganizationId", "Measure", "Day", "Type", "Value", "Currency")
            DO UPDATE SET "Count" = "Count" + excluded."Count", "DealValueMinor" = "DealValueMinor" + excluded."DealValueMinor"
            """,
            $$"""
            UPDATE "FavoriteLeads" SET "Stage" = '{{LeadStage.Archived}}', "Outcome" = '{{LeadOutcome.Expired}}'
            WHERE "LeadId" IN (SELECT "Id" FROM temp."ExpiredBatch")
            """,
        ];
    }
}
