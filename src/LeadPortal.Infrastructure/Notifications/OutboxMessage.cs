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
}

/// <summary>
/// A notification written in the same transaction as the change that causes it, and delivered later by
/// <see cref="Jobs.OutboxDispatchJob"/>. One row per (kind, lead, recipient): the unique index keeps it once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public NotificationKind Kind { get; set; }
    public long LeadId { get; set; }

    /// <summary>Set for a lead saved in the same SaveChanges, so EF fills <see cref="LeadId"/> after the insert.</summary>
    public Lead? Lead { get; set; }

    public string RecipientEmail { get; set; } = string.Empty;
    public string RecipientName { get; set; } = string.Empty;
    public DateTime CreatedAtUtc { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAtUtc { get; set; }

    /// <summary>Set when the message gave up after the last retry.</summary>
    public DateTime? FailedAtUtc { get; set; }

    public string? LastError { get; set; }
}
