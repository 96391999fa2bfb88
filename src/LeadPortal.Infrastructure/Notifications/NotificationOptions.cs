namespace LeadPortal.Infrastructure.Notifications;

/// <summary>Section "Notifications": where mail goes and how the outbox retries.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    public string FromAddress { get; set; } = "no-reply@leadportal.local";
    public string FromName { get; set; } = "LeadPortal";

    /// <summary>Links in messages point here.</summary>
    public string PortalBaseUrl { get; set; } = "http://localhost:5151";

    /// <summary>Used when no SMTP host is set: each message is written there as an .eml file.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each next one twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a dispatch run holds the messages it claimed: longer than a batch takes to deliver (every webhook's
    /// 15-second timeout), so that only a dispatcher that died leaves its messages to another run.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The language of e-mails: en-US or zh-TW.</summary>
    public string Culture { get; set; } = "en-US";
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>Auto (STARTTLS when offered), StartTls, SslOnConnect or None.</summary>
    public string Security { get; set; } = "Auto";
}
