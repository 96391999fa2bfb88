using LeadPortal.Core.Leads;

namespace LeadPortal.Core.Tests.Support;

/// <summary>
/// Everything a refused action must leave alone. Compare a snapshot taken before the action with one taken
/// after it; a record prints every field, so a failure shows exactly what moved.
/// </summary>
public sealed record LeadSnapshot(
    LeadStage Stage,
    LeadOutcome? Outcome,
    int HistoryCount,
    Guid Version,
    DateTime UpdatedAtUtc,
    DateTime? AnsweredAtUtc,
    DateTime? ArchivedAtUtc,
    DealDetails? Deal,
    string? DealName,
    Money? DealValue,
    DateOnly? DealPurchaseDate,
    int TeamCount,
    string TeamEmails,
    DeclineReason? DeclineReason,
    string? DeclineNotes,
    string? ClosingNotes)
{
    public static LeadSnapshot Of(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new LeadSnapshot(
            lead.Stage,
            lead.Outcome,
            lead.History.Count,
            lead.Version,
            lead.UpdatedAtUtc,
            lead.AnsweredAtUtc,
            lead.ArchivedAtUtc,
            lead.Deal,
            lead.Deal?.Name,
            lead.Deal?.EstimatedValue,
            lead.Deal?.EstimatedPurchaseDate,
            lead.TeamMembers.Count,
            string.Join(", ", lead.TeamMembers.Select(m => m.Email)),
            lead.DeclineReason,
            lead.DeclineNotes,
            lead.ClosingNotes);
    }
}
