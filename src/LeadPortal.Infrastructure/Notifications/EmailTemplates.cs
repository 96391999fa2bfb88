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

/// <summary>One template per notification kind, in plain text and HTML; every value from a user is HTML-encoded.</summary>
public static class EmailTemplates
{
    public static EmailContent Render(NotificationKind kind, string recipientName, NotificationLead lead, string portalBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var link = $"{portalBaseUrl.TrimEnd('/')}/leads/{lead.Id.ToString(CultureInfo.InvariantCulture)}";
        var deadline = lead.ResponseDeadlineUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var (subject, paragraphs, showLink) = kind switch
        {
            NotificationKind.LeadReceived => (
                $"New lead: {lead.CompanyName}",
                new[]
                {
                    $"{lead.OrganizationName} has a new {Describe(lead.Type)} from {lead.CompanyName} ({lead.ContactName}).",
                    $"What they need: {lead.Need}",
                    lead.ContactRequested
                        ? "The customer asked to be contacted directly: reach out as soon as you can."
                        : "Review it and accept or decline.",
                    $"Please answer by {deadline}, or the lead expires.",
                },
                true),
            NotificationKind.ExpiryReminder => (
                $"Reminder: the lead from {lead.CompanyName} expires on {deadline}",
                new[]
                {
                    $"The {Describe(lead.Type)} from {lead.CompanyName} ({lead.ContactName}) has not been answered yet.",
                    $"It expires on {deadline}. Accept or decline it before then.",
                },
                true),
            NotificationKind.LeadDeclined => (
                $"About your request to {lead.OrganizationName}",
                new[]
                {
                    $"Thank you for contacting {lead.OrganizationName}.",
                    $"{lead.OrganizationName} is not able to take on this request. Please choose another partner for your need: {lead.Need}",
                },
                false),
            NotificationKind.LeadExpired when lead.Type == LeadType.CustomerInquiry => (
                $"{lead.OrganizationName} did not respond to your request",
                new[]
                {
                    $"You asked {lead.OrganizationName} for help with: {lead.Need}",
                    $"{lead.OrganizationName} did not respond in time, so your request was closed. Please choose another partner.",
                },
                false),
            NotificationKind.LeadExpired => (
                $"Lead expired: {lead.CompanyName} was not answered by {lead.OrganizationName}",
                new[]
                {
                    $"The {Describe(lead.Type)} you sent to {lead.OrganizationName} for {lead.CompanyName} ({lead.ContactName}) was not answered in time and has expired.",
                    "You may want to send the customer to another partner.",
                },
                false),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No template for this kind."),
        };

        var greeting = $"Hello {recipientName},";
        var text = string.Join("\n\n", [greeting, .. paragraphs, .. showLink ? new[] { $"Open the lead: {link}" } : [], "— LeadPortal"]) + "\n";
        var html = new System.Text.StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:Segoe UI,Arial,sans-serif;line-height:1.5\">");
        html.Append("<p>").Append(Encode(greeting)).Append("</p>");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
        }

        if (showLink)
        {
            html.Append("<p><a href=\"").Append(Encode(link)).Append("\">Open the lead in LeadPortal</a></p>");
        }

        html.Append("<p style=\"color:#6c757d\">— LeadPortal</p></body></html>");
        return new EmailContent(subject, text, html.ToString());
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    private static string Describe(LeadType type) => type switch
    {
        LeadType.CustomerInquiry => "customer inquiry",
        LeadType.MarketingQualified => "marketing-qualified lead",
        _ => "sales-qualified lead",
    };
}
