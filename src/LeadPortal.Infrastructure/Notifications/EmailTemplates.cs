using System.Globalization;
using System.Text.Encodings.Web;
using LeadPortal.Core.Leads;

namespace LeadPortal.Infrastructure.Notifications;

/// <summary>What a message needs to know about its lead; read when the message is delivered.</summary>
public sealed record NotificationLead(
    long Id,
    string OrganizationName,
    LeadType Type,
    string CompanyName,
    string ContactName,
    string Need,
    DateTime ResponseDeadlineUtc,
    bool ContactRequested);

public sealed record EmailContent(string Subject, string Text, string Html);

/// <summary>
/// One template per notification kind, in plain text and HTML, in English or Traditional Chinese
/// (EmailTemplates.zh-TW.resx, keyed by the English text); every value from a user is HTML-encoded.
/// </summary>
public static class EmailTemplates
{
    private static readonly System.Resources.ResourceManager Texts =
        new("LeadPortal.Infrastructure.Notifications.EmailTemplates", typeof(EmailTemplates).Assembly);

    public static EmailContent Render(NotificationKind kind, string recipientName, NotificationLead lead, string portalBaseUrl, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
        culture ??= CultureInfo.GetCultureInfo("en-US");
        string T(string english) => Translate(english, culture);
        string F(string english, params object[] args) => string.Format(culture, T(english), args);
        string Describe(LeadType type) => T(type switch
        {
            LeadType.CustomerInquiry => "customer inquiry",
            LeadType.MarketingQualified => "marketing-qualified lead",
            _ => "sales-qualified lead",
        });

        var link = $"{portalBaseUrl.TrimEnd('/')}/leads/{lead.Id.ToString(CultureInfo.InvariantCulture)}";
        var deadline = lead.ResponseDeadlineUtc.ToString("g", culture) + " UTC";
        var (subject, paragraphs, showLink) = kind switch
        {
            NotificationKind.LeadReceived => (
                F("New lead: {0}", lead.CompanyName),
                new[]
                {
                    F("{0} has a new {1} from {2} ({3}).", lead.OrganizationName, Describe(lead.Type), lead.CompanyName, lead.ContactName),
                    F("What they need: {0}", lead.Need),
                    lead.ContactRequested
                        ? T("The customer asked to be contacted directly: reach out as soon as you can.")
                        : T("Review it and accept or decline."),
                    F("Please answer by {0}, or the lead expires.", deadline),
                },
                true),
            NotificationKind.ExpiryReminder => (
                F("Reminder: the lead from {0} expires on {1}", lead.CompanyName, deadline),
                new[]
                {
                    F("The {0} from {1} ({2}) has not been answered yet.", Describe(lead.Type), lead.CompanyName, lead.ContactName),
                    F("It expires on {0}. Accept or decline it before then.", deadline),
                },
                true),
            NotificationKind.LeadDeclined => (
                F("About your request to {0}", lead.OrganizationName),
                new[]
                {
                    F("Thank you for contacting {0}.", lead.OrganizationName),
                    F("{0} is not able to take on this request. Please choose another partner for your need: {1}", lead.OrganizationName, lead.Need),
                },
                false),
            NotificationKind.LeadExpired when lead.Type == LeadType.CustomerInquiry => (
                F("{0} did not respond to your request", lead.OrganizationName),
                new[]
                {
                    F("You asked {0} for help with: {1}", lead.OrganizationName, lead.Need),
                    F("{0} did not respond in time, so your request was closed. Please choose another partner.", lead.OrganizationName),
                },
                false),
            NotificationKind.LeadExpired => (
                F("Lead expired: {0} was not answered by {1}", lead.CompanyName, lead.OrganizationName),
                new[]
                {
                    F("The {0} you sent to {1} for {2} ({3}) was not answered in time and has expired.", Describe(lead.Type), lead.OrganizationName, lead.CompanyName, lead.ContactName),
                    T("You may want to send the customer to another partner."),
                },
                false),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No template for this kind."),
        };

        return Compose(subject, F("Hello {0},", recipientName), paragraphs,
            showLink ? new EmailLink(link, F("Open the lead: {0}", link), T("Open the lead in LeadPortal")) : null, culture);
    }

    /// <summary>A link of a message: its address, its line in the plain-text part and its text in the HTML part.</summary>
    internal sealed record EmailLink(string Url, string TextLine, string HtmlText);

    /// <summary>Text translated to <paramref name="culture"/> (EmailTemplates.zh-TW.resx, keyed by the English text).</summary>
    internal static string Translate(string english, CultureInfo culture) =>
        Texts.GetString(english, culture) is { Length: > 0 } translated ? translated : english;

    /// <summary>The plain-text and HTML parts of a message: a greeting, paragraphs, an optional link, the signature.</summary>
    internal static EmailContent Compose(string subject, string greeting, IReadOnlyList<string> paragraphs, EmailLink? link, CultureInfo culture)
    {
        var text = string.Join("\n\n", [greeting, .. paragraphs, .. link is null ? [] : new[] { link.TextLine }, "— LeadPortal"]) + "\n";
        var html = new System.Text.StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(culture.Name).Append("\"><body style=\"font-family:Segoe UI,Arial,sans-serif;line-height:1.5\">");
        html.Append("<p>").Append(Encode(greeting)).Append("</p>");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
        }

        if (link is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(link.Url)).Append("\">").Append(Encode(link.HtmlText)).Append("</a></p>");
        }

        html.Append("<p style=\"color:#6c757d\">— LeadPortal</p></body></html>");
        return new EmailContent(subject, text, html.ToString());
    }

    // Encodes markup characters but leaves Chinese text readable rather than as numeric entities.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Encode(string value) => Html.Encode(value);
}
