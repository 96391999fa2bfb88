using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;

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
        }
    }

    private static void Add(LeadPortalDbContext db, NotificationKind kind, Lead lead, string email, string name, DateTime nowUtc) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = kind,
            Lead = lead,
            RecipientEmail = email,
            RecipientName = name,
            CreatedAtUtc = nowUtc,
            NextAttemptAtUtc = nowUtc,
        });
}
