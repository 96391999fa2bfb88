using LeadPortal.Core.Leads;

namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// A heart a user put on a lead. Favorites are per user, not per organization.
/// The lead's organization, type, status and sort keys are copied here by the database (triggers of the migration
/// FavoriteSortKeys, on insert and whenever the lead changes), so that a user's Favorites tab is read in sort order
/// from this table's own indexes instead of looking up and sorting every hearted lead on each request.
/// </summary>
public sealed class FavoriteLead
{
    public string UserId { get; set; } = string.Empty;
    public long LeadId { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public int OrganizationId { get; private set; }
    public LeadType Type { get; private set; }
    public LeadStage Stage { get; private set; }
    public LeadOutcome? Outcome { get; private set; }
    public DateTime ReceivedAtUtc { get; private set; }
    public DateTime ResponseDeadlineUtc { get; private set; }

    /// <summary>The deal's value in minor units, or -1 without a deal: the lead's DealSortValue.</summary>
    public long DealSortValue { get; private set; }

    /// <summary>A heart on <paramref name="lead"/>, with the lead's keys as they are now (the database keeps them after that).</summary>
    public static FavoriteLead For(string userId, Lead lead, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new FavoriteLead
        {
            UserId = userId,
            LeadId = lead.Id,
            CreatedAtUtc = nowUtc,
            OrganizationId = lead.OrganizationId,
            Type = lead.Type,
            Stage = lead.Stage,
            Outcome = lead.Outcome,
            ReceivedAtUtc = lead.ReceivedAtUtc,
            ResponseDeadlineUtc = lead.ResponseDeadlineUtc,
            DealSortValue = lead.Deal?.ValueMinor ?? -1,
        };
    }
}
