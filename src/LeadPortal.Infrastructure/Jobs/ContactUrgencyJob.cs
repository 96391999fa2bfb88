using Hangfire;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Infrastructure.Jobs;

/// <summary>
/// Two sweeps: active contact requests older than the urgent window (Leads:UrgentContactWindow) are marked as lapsed, so
/// the pages switch to the second icon and message; leads about to expire get one reminder to the organization.
/// </summary>
public sealed class ContactUrgencyJob(LeadPortalDbContext db, TimeProvider clock, LeadTimingOptions timing, JobOptions options)
{
    public const string Id = "lead-urgency";

    public sealed record Result(int UrgencyLapsed, int RemindersQueued);

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A display flag, not a change of the deal: it leaves Version alone so nobody's open page becomes stale.
        var lapsed = await db.EveryOrganizationsLeads
            .Where(LeadRules.UrgencyLapsed<Lead>(now, timing.UrgentContactWindow))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ContactUrgencyLapsed, true), cancellationToken);

        var reminders = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = await db.EveryOrganizationsLeads.AsNoTracking()
                .Where(l => l.ReminderQueuedAtUtc == null)
                .Where(LeadRules.DeadlineNear<Lead>(now, timing.DeadlineWarning))
                // The order of the Received leads' deadline index: no sort of the window's leads.
                .OrderBy(l => l.ResponseDeadlineUtc).ThenBy(l => l.Id)
                .Select(l => l.Id)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            reminders += await QueueRemindersAsync(due, now, cancellationToken);
        }

        return new Result(lapsed, reminders);
    }

    private Task<int> QueueRemindersAsync(List<long> ids, DateTime now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.EveryOrganizationsLeads
                // Still Received, said as neither of the other stages: "Stage = 'Received'" would let SQLite, without
                // statistics, read every Received lead through their partial index instead of looking up these ids.
                .Where(l => ids.Contains(l.Id) && l.ReminderQueuedAtUtc == null && l.Stage != LeadStage.Accepted && l.Stage != LeadStage.Archived)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ReminderQueuedAtUtc, now), ct);
            var marked = await db.EveryOrganizationsLeads.AsNoTracking()
                .Where(l => ids.Contains(l.Id) && l.ReminderQueuedAtUtc == now)
                .Select(l => new { l.Id, l.OrganizationId })
                .ToListAsync(ct);

            var queued = 0;
            foreach (var organization in marked.GroupBy(l => l.OrganizationId))
            {
                var recipients = await AlertRecipients.ForOrganizationAsync(db, organization.Key, ct);
                foreach (var lead in organization)
                {
                    foreach (var (email, name) in recipients)
                    {
                        db.OutboxMessages.Add(new OutboxMessage
                        {
                            Kind = NotificationKind.ExpiryReminder,
                            LeadId = lead.Id,
                            Recipient = email,
                            RecipientName = name,
                            CreatedAtUtc = now,
                            NextAttemptAtUtc = now,
                        });
                    }
                }

                queued += organization.Count();
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return queued;
        }, cancellationToken);
}
