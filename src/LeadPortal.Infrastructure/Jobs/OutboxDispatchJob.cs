using Hangfire;
using LeadPortal.Core.Organizations;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace LeadPortal.Infrastructure.Jobs;

/// <summary>
/// Delivers due outbox messages and marks each sent right after its delivery. A failed delivery is retried later with a
/// doubling delay, and given up after <see cref="NotificationOptions.MaxAttempts"/>. Each run first claims its batch
/// with a lease (<see cref="NotificationOptions.ClaimLease"/>), so dispatchers on several instances never send the same
/// message, and the messages of a dispatcher that died are sent by a later run once its lease has lapsed.
/// </summary>
public sealed class OutboxDispatchJob(
    LeadPortalDbContext db,
    IEmailTransport transport,
    IWebhookSender webhooks,
    IWebhookPayloads payloads,
    TimeProvider clock,
    NotificationOptions options,
    ILogger<OutboxDispatchJob> logger)
{
    public const string Id = "outbox-dispatch";

    public sealed record Result(int Sent, int Failed);

    /// <summary>A claimed message: about a lead (<see cref="Lead"/>), or an account message with its link.</summary>
    private sealed record DueMessage(
        long Id, NotificationKind Kind, string Recipient, string RecipientName, int Attempts, long? ApiKeyId, DateTime CreatedAtUtc,
        NotificationLead? Lead, string? Link, string? Culture, string? OrganizationName);

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = Guid.NewGuid();
        var claimed = await ClaimAsync(run, now, cancellationToken);
        if (claimed == 0)
        {
            return new Result(0, 0);
        }

        var leadMessages = await (
                from m in db.OutboxMessages.AsNoTracking()
                join l in db.EveryOrganizationsLeads on m.LeadId equals l.Id
                join o in db.Set<Organization>() on l.OrganizationId equals o.Id
                where m.ClaimToken == run && m.SentAtUtc == null
                select new DueMessage(
                    m.Id, m.Kind, m.Recipient, m.RecipientName, m.Attempts, m.ApiKeyId, m.CreatedAtUtc,
                    new NotificationLead(l.Id, o.Name, l.Type, l.Customer.CompanyName, l.Customer.ContactName, l.Need, l.ResponseDeadlineUtc, l.ContactRequested),
                    null, null, null))
            .ToListAsync(cancellationToken);
        var accountMessages = await (
                from m in db.OutboxMessages.AsNoTracking()
                where m.ClaimToken == run && m.SentAtUtc == null && m.LeadId == null
                select new DueMessage(
                    m.Id, m.Kind, m.Recipient, m.RecipientName, m.Attempts, m.ApiKeyId, m.CreatedAtUtc, null, m.Link, m.Culture,
                    db.Set<Organization>().Where(o => o.Id == m.OrganizationId).Select(o => o.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var due = leadMessages.Concat(accountMessages).OrderBy(m => m.Id).ToList();

        int sent = 0, failed = 0;
        foreach (var message in due)
        {
            try
            {
                if (message.Kind.IsWebhook())
                {
                    await PostWebhookAsync(message.Id, message.Kind, message.Recipient, message.ApiKeyId, message.Lead!.Id, message.CreatedAtUtc, cancellationToken);
                }
                else
                {
                    var culture = System.Globalization.CultureInfo.GetCultureInfo(message.Culture ?? options.Culture);
                    var content = message.Lead is { } lead
                        ? EmailTemplates.Render(message.Kind, message.RecipientName, lead, options.PortalBaseUrl, culture)
                        : AccountEmailTemplates.Render(message.Kind, message.RecipientName, message.OrganizationName, message.Link ?? "", options.PortalBaseUrl, culture);
                    await transport.SendAsync(ToMime(message.Id, message.Recipient, message.RecipientName, content), cancellationToken);
                }

                await db.OutboxMessages.Where(m => m.Id == message.Id && m.SentAtUtc == null)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.SentAtUtc, now)
                        .SetProperty(m => m.Link, (string?)null)
                        .SetProperty(m => m.Attempts, message.Attempts + 1)
                        .SetProperty(m => m.ClaimToken, (Guid?)null)
                        .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
                sent++;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failed++;
                var attempts = message.Attempts + 1;
                var giveUp = attempts >= options.MaxAttempts;
                var next = now + options.FirstRetryDelay * Math.Pow(2, attempts - 1);
                logger.LogWarning(error, "Delivery of outbox message {MessageId} failed (attempt {Attempt})", message.Id, attempts);
                var reason = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Attempts, attempts)
                        .SetProperty(m => m.NextAttemptAtUtc, next)
                        .SetProperty(m => m.LastError, reason)
                        .SetProperty(m => m.FailedAtUtc, giveUp ? now : null)
                        .SetProperty(m => m.Link, m => giveUp ? null : m.Link)
                        .SetProperty(m => m.ClaimToken, (Guid?)null)
                        .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
            }
        }

        return new Result(sent, failed);
    }

    /// <summary>
    /// Claims up to a batch of due messages that no live run holds. The candidates are read first, then claimed by an
    /// update whose conditions are on the rows themselves: a row another dispatcher claimed meanwhile fails them when
    /// the update reads it (PostgreSQL re-checks a row it waited for; SQL Server reads it under an update lock; SQLite
    /// writes one at a time), so each message is claimed by one run. A single UPDATE … LIMIT would check its
    /// conditions in a subquery, which is not re-checked.
    /// </summary>
    private async Task<int> ClaimAsync(Guid run, DateTime now, CancellationToken cancellationToken)
    {
        var candidates = await Claimable(now).OrderBy(m => m.Id).Select(m => m.Id).Take(options.BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var until = now + options.ClaimLease;
        return await Claimable(now).Where(m => candidates.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, run).SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
    }

    private IQueryable<OutboxMessage> Claimable(DateTime now) => db.OutboxMessages.Where(m =>
        m.SentAtUtc == null && m.FailedAtUtc == null && m.NextAttemptAtUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc <= now));

    /// <summary>
    /// Posts the referral as it is now, signed with the sending key's secret (see <see cref="Api.ApiKey.Sign"/>). The event
    /// occurred when its message was queued (with the change), not when this attempt delivers it.
    /// </summary>
    private async Task PostWebhookAsync(long id, NotificationKind kind, string url, long? apiKeyId, long leadId, DateTime occurredAtUtc, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(k => k.Id == apiKeyId, cancellationToken)
            ?? throw new InvalidOperationException("The API key of this webhook no longer exists.");
        var lead = await db.EveryOrganizationsLeads.AsNoTracking().SingleAsync(l => l.Id == leadId, cancellationToken);
        var body = payloads.Body(kind, occurredAtUtc, lead);
        await webhooks.SendAsync(new Uri(url), body, Api.ApiKey.Sign(key.SecretHash, body), kind.EventType(), id, cancellationToken);
    }

    private MimeMessage ToMime(long id, string email, string name, EmailContent content)
    {
        var message = new MimeMessage
        {
            // Stable per outbox row: a repeated delivery is recognisably the same message.
            MessageId = $"outbox-{id}@leadportal",
            Subject = content.Subject,
            Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(name, email));
        return message;
    }
}
