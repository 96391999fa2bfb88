using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Infrastructure.Notifications;

/// <summary>Turns the events of leads about to be saved into outbox messages, inside the same SaveChanges.</summary>
internal static class OutboxWriter
{
    public static async Task AddMessagesAsync(LeadPortalDbContext db, IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken)
    {
        foreach (var leadEvent in events)
        {
            var lead = leadEvent.Lead;
            var nowUtc = lead.UpdatedAtUtc;
            switch (leadEvent)
            {
                case LeadReceived:
                    foreach (var (email, name) in await AlertRecipients.ForOrganizationAsync(db, lead.OrganizationId, cancellationToken))
                    {
                        Add(db, NotificationKind.LeadReceived, lead, email, name, nowUtc);
                    }

                    break;
                case LeadDeclined:
                    Add(db, NotificationKind.LeadDeclined, lead, lead.Customer.Email, lead.Customer.ContactName, nowUtc);
                    break;
                case LeadExpired:
                    Add(db, NotificationKind.LeadExpired, lead, lead.Sender.Email, lead.Sender.Name, nowUtc);
                    break;
            }

            if (WebhookKind(leadEvent) is { } webhookKind && lead.Id != 0)
            {
                var hook = await db.ReferralSubmissions.AsNoTracking()
                    .Where(s => s.LeadId == lead.Id)
                    // The key that sent the lead belongs to the sender's organization, not to the one working the lead.
                    .Join(db.ApiKeys.IgnoreQueryFilters(), s => s.ApiKeyId, k => k.Id, (s, k) => new { k.Id, k.WebhookUrl, k.RevokedAtUtc })
                    .SingleOrDefaultAsync(cancellationToken);
                if (hook is { WebhookUrl: not null, RevokedAtUtc: null })
                {
                    var message = Add(db, webhookKind, lead, hook.WebhookUrl, "webhook", nowUtc);
                    message.ApiKeyId = hook.Id;
                }
            }
        }
    }

    private static NotificationKind? WebhookKind(LeadEvent leadEvent) => leadEvent switch
    {
        LeadAccepted => NotificationKind.WebhookLeadAccepted,
        LeadDeclined => NotificationKind.WebhookLeadDeclined,
        LeadExpired => NotificationKind.WebhookLeadExpired,
        LeadWon => NotificationKind.WebhookLeadWon,
        LeadLost => NotificationKind.WebhookLeadLost,
        _ => null,
    };

    private static OutboxMessage Add(LeadPortalDbContext db, NotificationKind kind, Lead lead, string recipient, string name, DateTime nowUtc)
    {
        var message = new OutboxMessage
        {
            Kind = kind,
            Lead = lead,
            Recipient = recipient,
            RecipientName = name,
            CreatedAtUtc = nowUtc,
            NextAttemptAtUtc = nowUtc,
        };
        db.OutboxMessages.Add(message);
        return message;
    }
}
