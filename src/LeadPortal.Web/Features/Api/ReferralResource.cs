using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Notifications;

namespace LeadPortal.Web.Features.Api;

/// <summary>
/// A lead as the referrals API and its webhooks show it, shaped after the Partner Center referral resource:
/// status New/Active/Closed with a substatus, the customer profile, deal details and team.
/// </summary>
public sealed record ReferralResource(
    long Id,
    string Name,
    string? ExternalReferenceId,
    string Type,
    string Qualification,
    string Status,
    string Substatus,
    string? StatusReason,
    string CallToAction,
    DateTime CreatedDateTime,
    DateTime UpdatedDateTime,
    DateTime ExpirationDateTime,
    DateTime? AcceptedDateTime,
    DateTime? ClosedDateTime,
    ReferralCustomer CustomerProfile,
    string Need,
    ReferralSender Sender,
    ReferralDetails? Details,
    IReadOnlyList<ReferralTeamMember> Team,
    string? Notes,
    [property: JsonPropertyName("etag")] string ETag)
{
    public static ReferralResource From(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var (status, substatus) = StatusOf(lead);
        return new ReferralResource(
            lead.Id,
            lead.Deal?.Name ?? lead.Customer.CompanyName,
            lead.Deal?.CrmId,
            Camel(lead.Type.ToString()),
            lead.Type switch { LeadType.CustomerInquiry => "Direct", LeadType.MarketingQualified => "MarketingQualified", _ => "SalesQualified" },
            status,
            substatus,
            lead.DeclineReason?.ToString(),
            lead.ContactRequested ? "ContactMe" : "None",
            lead.ReceivedAtUtc,
            lead.UpdatedAtUtc,
            lead.ResponseDeadlineUtc,
            lead.Stage != LeadStage.Received && lead.Outcome is not (LeadOutcome.Declined or LeadOutcome.Expired) ? lead.AnsweredAtUtc : null,
            lead.ArchivedAtUtc,
            new ReferralCustomer(
                lead.Customer.CompanyName, lead.Customer.ContactName, lead.Customer.Email, lead.Customer.Phone,
                lead.Customer.Country, lead.Customer.City, lead.Customer.CompanySize, lead.Customer.Industry),
            lead.Need,
            new ReferralSender(Camel(lead.Sender.Kind.ToString()), lead.Sender.Name, lead.Sender.Email),
            lead.Deal is { } deal
                ? new ReferralDetails(deal.EstimatedValue.Amount, deal.Currency, deal.EstimatedPurchaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), deal.CampaignId)
                : null,
            [.. lead.TeamMembers.Select(m => new ReferralTeamMember(m.Id, m.Name, m.Email, m.Phone))],
            lead.Deal?.Notes ?? lead.DeclineNotes ?? lead.ClosingNotes,
            ETagOf(lead.Version));
    }

    public static string ETagOf(Guid version) => $"\"{version:N}\"";

    /// <summary>New: waiting for an answer; Active: accepted and being worked; Closed: archived, with why in the substatus.</summary>
    public static (string Status, string Substatus) StatusOf(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return lead.Stage switch
        {
            LeadStage.Received => ("New", "Received"),
            LeadStage.Accepted => ("Active", "Accepted"),
            _ => ("Closed", lead.Outcome?.ToString() ?? "Closed"),
        };
    }

    private static string Camel(string value) => char.ToLowerInvariant(value[0]) + value[1..];
}

public sealed record ReferralCustomer(string Name, string ContactName, string Email, string? Phone, string Country, string? City, string? Size, string? Industry);

public sealed record ReferralSender(string Kind, string Name, string Email);

public sealed record ReferralDetails(decimal DealValue, string Currency, string ClosingDate, string? CampaignId);

public sealed record ReferralTeamMember(Guid Id, string Name, string Email, string? Phone);

/// <summary>The body a webhook receiver gets: what happened, when, and the referral as it is now.</summary>
public sealed record ReferralEvent(string EventType, DateTime OccurredDateTime, ReferralResource Referral);

/// <summary>Webhook bodies: the event and the referral as it is now, in the API's JSON.</summary>
public sealed class ReferralWebhookPayloads : IWebhookPayloads
{
    public byte[] Body(NotificationKind kind, DateTime occurredAtUtc, Lead lead) =>
        JsonSerializer.SerializeToUtf8Bytes(new ReferralEvent(kind.EventType(), occurredAtUtc, ReferralResource.From(lead)), ApiJson.Options);
}
