using LeadPortal.Core.Leads;

namespace LeadPortal.Infrastructure.Notifications;

public enum NotificationKind
{
    /// <summary>A new lead arrived: to the organization's alert contacts.</summary>
    LeadReceived,

    /// <summary>The partner declined: to the customer, who should choose another partner.</summary>
    LeadDeclined,

    /// <summary>Nobody answered in time: to the sender (for a customer inquiry, the customer).</summary>
    LeadExpired,

    /// <summary>The lead expires in two days: to the organization's alert contacts.</summary>
    ExpiryReminder,

    /// <summary>An invitation to join an organization's team: to the invited address, with the one-time link.</summary>
    TeamInvitation,

    /// <summary>A password reset link: to the user who asked for it.</summary>
    PasswordReset,

    /// <summary>Webhook events to the API key that sent the lead, one per stage change.</summary>
    WebhookLeadAccepted,
    WebhookLeadDeclined,
    WebhookLeadExpired,
    WebhookLeadWon,
    WebhookLeadLost,
}

public static class NotificationKinds
{
    public static bool IsWebhook(this NotificationKind kind) => kind >= NotificationKind.WebhookLeadAccepted;

    public static bool IsAccountMessage(this NotificationKind kind) => kind is NotificationKind.TeamInvitation or NotificationKind.PasswordReset;

    /// <summary>The event type a webhook receiver sees, e.g. "referral.accepted".</summary>
    public static string EventType(this NotificationKind kind) =>
        "referral." + kind.ToString()["WebhookLead".Length..].ToLowerInvariant();
}

/// <summary>
/// A notification written in the same transaction as the change that causes it, and delivered later by
/// <see cref="Jobs.OutboxDispatchJob"/>. One row per (kind, lead, recipient): the unique index keeps it once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>The lead the message is about; none for an account message (<see cref="NotificationKinds.IsAccountMessage"/>).</summary>
    public long? LeadId { get; set; }

    /// <summary>For an account message: the organization it is about (an invitation's), if any.</summary>
    public int? OrganizationId { get; set; }

    /// <summary>
    /// For an account message: the one-time link it carries. Erased once the message is delivered, so the database
    /// keeps a link only while it is waiting to be sent.
    /// </summary>
    public string? Link { get; set; }

    /// <summary>For an account message: the language to write it in (the page's language when it was asked for).</summary>
    public string? Culture { get; set; }

    /// <summary>Set for a lead saved in the same SaveChanges, so EF fills <see cref="LeadId"/> after the insert.</summary>
    public Lead? Lead { get; set; }

    /// <summary>An email address, or for a webhook the URL it is posted to.</summary>
    public string Recipient { get; set; } = string.Empty;

    /// <summary>For a webhook: the key whose secret signs it.</summary>
    public long? ApiKeyId { get; set; }
    public string RecipientName { get; set; } = string.Empty;
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAtUtc { get; set; }

    /// <summary>Set when the message gave up after the last retry.</summary>
    public DateTime? FailedAtUtc { get; set; }

    public string? LastError { get; set; }

    /// <summary>The dispatch run that holds this message until <see cref="ClaimedUntilUtc"/>: no other run sends it meanwhile.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>When the claim lapses: a dispatcher that died leaves its messages to the next run after this.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
}
