using System.Globalization;

namespace LeadPortal.Infrastructure.Notifications;

/// <summary>The account messages (an invitation to a team, a password reset), each with its one-time link.</summary>
public static class AccountEmailTemplates
{
    /// <summary>How long a password reset link works (Identity's reset token lifespan is set to this).</summary>
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(2);

    public static EmailContent Render(NotificationKind kind, string recipientName, string? organizationName, string link, string portalBaseUrl, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        string T(string english) => EmailTemplates.Translate(english, culture);
        string F(string english, params object[] args) => string.Format(culture, T(english), args);

        var url = $"{portalBaseUrl.TrimEnd('/')}{link}";
        return kind switch
        {
            NotificationKind.TeamInvitation => EmailTemplates.Compose(
                F("You are invited to join {0} on LeadPortal", organizationName ?? ""),
                T("Hello,"),
                [
                    F("You are invited to join the team of {0} on LeadPortal, where the team receives and works its sales leads.", organizationName ?? ""),
                    T("Open the link below to choose your name and password. The link works once and for 7 days."),
                    T("If you did not expect this invitation, you can ignore this message."),
                ],
                new EmailTemplates.EmailLink(url, F("Accept the invitation: {0}", url), T("Accept the invitation")),
                culture),
            NotificationKind.PasswordReset => EmailTemplates.Compose(
                T("Reset your LeadPortal password"),
                F("Hello {0},", recipientName),
                [
                    T("Someone, probably you, asked to reset the password of your LeadPortal account."),
                    T("Open the link below to choose a new password. The link works once and for 2 hours."),
                    T("If you did not ask for this, you can ignore this message: your password stays as it is."),
                ],
                new EmailTemplates.EmailLink(url, F("Choose a new password: {0}", url), T("Choose a new password")),
                culture),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an account message."),
        };
    }
}
