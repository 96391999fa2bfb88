using LeadPortal.Core.Leads;
using Microsoft.Extensions.Localization;

namespace LeadPortal.Web.Features.Leads;

/// <summary>A history entry's changes in the reader's language, with amounts and dates in their culture's format.</summary>
public static class LeadHistoryText
{
    public static IReadOnlyList<string> Lines(LeadHistoryEntry entry, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(l);
        if (entry.LegacyDetails is { } legacy)
        {
            return [legacy];
        }

        if (entry.Action == LeadAction.Expire && entry.Changes.Count == 0)
        {
            return [l["No answer within the response window."]];
        }

        return [.. entry.Changes.Select(c => Line(c, l))];
    }

    private static string Line(LeadChange change, IStringLocalizer l)
    {
        string Shown(string? value) => value is null ? l["(none)"] : change.Field switch
        {
            LeadChangeField.EstimatedValue or LeadChangeField.FinalValue when LeadChange.TryReadMoney(value, out var money) =>
                LeadDisplay.Amount(money.AmountMinor, money.Currency),
            LeadChangeField.PurchaseDate when LeadChange.TryReadDate(value, out var date) => LeadDisplay.Date(date),
            LeadChangeField.DeclineReason when Enum.TryParse<DeclineReason>(value, out var reason) => l[LeadDisplay.Label(reason)],
            LeadChangeField.TeamMember => Person(value),
            _ => value,
        };

        return change.Field switch
        {
            LeadChangeField.ContactRequested => l["The customer asked to be contacted."],
            LeadChangeField.DealNotes => l["The deal's notes were updated."],
            LeadChangeField.TeamMember when change.To is not null => l["Added {0}", Shown(change.To)],
            LeadChangeField.TeamMember => l["Removed {0}", Shown(change.From)],
            _ when change.From is null => l["{0}: {1}", l[Label(change.Field)], Shown(change.To)],
            _ => l["{0}: {1} → {2}", l[Label(change.Field)], Shown(change.From), Shown(change.To)],
        };
    }

    /// <summary>The label of a field shown as "label: value" (the same texts as the forms' labels).</summary>
    private static string Label(LeadChangeField field) => field switch
    {
        LeadChangeField.DealName => "Deal",
        LeadChangeField.EstimatedValue => "Estimated value",
        LeadChangeField.PurchaseDate => "Estimated purchase date",
        LeadChangeField.CrmId => "CRM ID",
        LeadChangeField.CampaignId => "Campaign ID",
        LeadChangeField.DeclineReason => "Reason",
        LeadChangeField.Notes => "Notes",
        LeadChangeField.FinalValue => "Final value",
        _ => field.ToString(),
    };

    /// <summary>"Name &lt;email&gt;" (see <see cref="LeadChange.Person"/>) as "Name (email)".</summary>
    private static string Person(string value) =>
        value.EndsWith('>') && value.LastIndexOf(" <", StringComparison.Ordinal) is var at and > 0
            ? $"{value[..at]} ({value[(at + 2)..^1]})"
            : value;
}
