using LeadPortal.Core.Leads;

namespace LeadPortal.Infrastructure.Notifications;

/// <summary>
/// The body of a webhook post: the referral as the API shows it. The API's contract lives with the API (in the web
/// project), so the outbox reaches it through this interface.
/// </summary>
public interface IWebhookPayloads
{
    /// <summary>The JSON body telling the sender that <paramref name="kind"/> happened to <paramref name="lead"/> at <paramref name="occurredAtUtc"/>.</summary>
    byte[] Body(NotificationKind kind, DateTime occurredAtUtc, Lead lead);
}
