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
            var run = Guid.NewGuid();
            var expired = await db.EveryOrganizationsLeads
                .Where(l => ids.Contains(l.Id) && l.Stage == LeadStage.Received && l.ResponseDeadlineUtc <= now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Stage, LeadStage.Archived)
                    .SetProperty(l => l.Outcome, LeadOutcome.Expired)
                    .SetProperty(l => l.ArchivedAtUtc, now)
                    .SetProperty(l => l.UpdatedAtUtc, now)
                    .SetProperty(l => l.Version, run), ct);
            if (expired > 0)
            {
                await InsertHistoryAndNotificationsAsync(ids, run, now, ct);
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return expired;
        }, cancellationToken);

    /// <summary>
    /// One INSERT … SELECT for the history entries (owned by the aggregate, so EF cannot add them alone) and one for the
    /// notifications to each sender, for the leads of the batch that this run changed: they carry its version, while a
    /// lead expired meanwhile by another run carries that run's.
    /// </summary>
    private async Task InsertHistoryAndNotificationsAsync(IReadOnlyList<long> leadIds, Guid run, DateTime now, CancellationToken cancellationToken)
    {
        var provider = db.Database.IsSqlite() ? DatabaseProvider.Sqlite : db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql : DatabaseProvider.SqlServer;
        var sql = ExpirySql.For(provider, leadIds);
        // SQLite stores a Guid as its upper-case text (EF's mapping); a raw Guid parameter would be bound as a blob.
        object version = provider == DatabaseProvider.Sqlite ? run.ToString().ToUpperInvariant() : run;
#pragma warning disable EF1002 // The only interpolated values are ids read from the database as longs; the rest are parameters.
        await db.Database.ExecuteSqlRawAsync(sql.History,
            [now, Lead.SystemActor, nameof(LeadAction.Expire), nameof(LeadStage.Received), nameof(LeadStage.Archived), LeadChangesJson.Write([]), version],
            cancellationToken);
        await db.Database.ExecuteSqlRawAsync(sql.Notifications, [nameof(NotificationKind.LeadExpired), now, version], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(sql.Webhooks, [nameof(NotificationKind.WebhookLeadExpired), now, version], cancellationToken);
#pragma warning restore EF1002
    }
}

/// <summary>
/// The expiry job's three INSERT … SELECT statements for one batch, in each provider's SQL (EF cannot insert an owned
/// history entry alone). Parameters: history {0} time, {1} actor, {2} action, {3} from, {4} to, {5} the changes (none), {6} the
/// run's version; notifications and webhooks {0} kind, {1} time, {2} the run's version.
/// </summary>
public sealed record ExpirySql(string History, string Notifications, string Webhooks)
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

        return new ExpirySql(
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
            """);
    }
}
