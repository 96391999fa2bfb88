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
/// doubling delay, and given up after <see cref="NotificationOptions.MaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatchJob(
    LeadPortalDbContext db, IEmailTransport transport, TimeProvider clock, NotificationOptions options, ILogger<OutboxDispatchJob> logger)
{
    public const string Id = "outbox-dispatch";

    public sealed record Result(int Sent, int Failed);

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await (
                from m in db.OutboxMessages.AsNoTracking()
                join l in db.Leads on m.LeadId equals l.Id
                join o in db.Set<Organization>() on l.OrganizationId equals o.Id
                where m.SentAtUtc == null && m.FailedAtUtc == null && m.NextAttemptAtUtc <= now
                orderby m.Id
                select new
                {
                    m.Id,
                    m.Kind,
                    m.RecipientEmail,
                    m.RecipientName,
                    m.Attempts,
                    Lead = new NotificationLead(l.Id, o.Name, l.Type, l.Customer.CompanyName, l.Customer.ContactName, l.Need, l.ResponseDeadlineUtc, l.ContactRequested),
                })
            .Take(options.BatchSize)
            .ToListAsync(cancellationToken);

        int sent = 0, failed = 0;
        foreach (var message in due)
        {
            try
            {
                var content = EmailTemplates.Render(message.Kind, message.RecipientName, message.Lead, options.PortalBaseUrl);
                await transport.SendAsync(ToMime(message.Id, message.RecipientEmail, message.RecipientName, content), cancellationToken);
                await db.OutboxMessages.Where(m => m.Id == message.Id && m.SentAtUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAtUtc, now).SetProperty(m => m.Attempts, message.Attempts + 1), cancellationToken);
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
                        .SetProperty(m => m.FailedAtUtc, giveUp ? now : null), cancellationToken);
            }
        }

        return new Result(sent, failed);
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
