using System.Globalization;

namespace LeadPortal.Core.Leads;

/// <summary>
/// One line of a lead's timeline: who did what, when, how the stage moved, and what changed. It holds codes and
/// values, never sentences, so that each reader's page words it in their language.
/// </summary>
public sealed class LeadHistoryEntry
{
    private LeadHistoryEntry()
    {
    }

    internal LeadHistoryEntry(int sequence, DateTime atUtc, string actor, LeadAction action, LeadStage? fromStage, LeadStage toStage, IReadOnlyList<LeadChange> changes)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        AtUtc = atUtc;
        Actor = actor;
        Action = action;
        FromStage = fromStage;
        ToStage = toStage;
        Changes = changes;
    }

    public Guid Id { get; private set; }

    /// <summary>Orders entries written within the same instant.</summary>
    public int Sequence { get; private set; }

    public DateTime AtUtc { get; private set; }
    public string Actor { get; private set; } = string.Empty;
    public LeadAction Action { get; private set; }
    public LeadStage? FromStage { get; private set; }
    public LeadStage ToStage { get; private set; }
    public IReadOnlyList<LeadChange> Changes { get; private set; } = [];

    /// <summary>
    /// The free text of an entry written before entries were structured, when it could not be read back into
    /// <see cref="Changes"/>; shown as it was written. Null for every entry written since.
    /// </summary>
    public string? LegacyDetails { get; private set; }
}

/// <summary>What an entry changed or recorded.</summary>
public enum LeadChangeField
{
    /// <summary>The customer asked to be contacted (To: "true").</summary>
    ContactRequested,

    /// <summary>The deal's name (the deal recorded by Accept: To only).</summary>
    DealName,

    /// <summary>An amount, <see cref="LeadChange.Of(Money)"/>.</summary>
    EstimatedValue,

    /// <summary>A date, <see cref="LeadChange.Of(DateOnly)"/>.</summary>
    PurchaseDate,

    /// <summary>The deal's notes changed (no values: they can be long, and the deal shows them).</summary>
    DealNotes,

    CrmId,
    CampaignId,

    /// <summary>A team member added (To) or removed (From): <see cref="LeadChange.Person"/>.</summary>
    TeamMember,

    /// <summary>A <see cref="Leads.DeclineReason"/> name.</summary>
    DeclineReason,

    /// <summary>The notes given when declining, winning or losing the lead.</summary>
    Notes,

    /// <summary>The deal's value when won, replacing its estimate (From: the estimate).</summary>
    FinalValue,
}

/// <summary>
/// One change of a <see cref="LeadHistoryEntry"/>: a field and its values before and after, in invariant forms (names
/// and codes as they are, amounts as "1234.50 USD", dates as yyyy-MM-dd), which a page formats for its reader.
/// </summary>
public sealed record LeadChange(LeadChangeField Field, string? From, string? To)
{
    public static string Of(Money value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Amount.ToString("F" + Currencies.MinorDigits(value.Currency), CultureInfo.InvariantCulture) + " " + value.Currency;
    }

    public static string Of(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A person as "Name &lt;email&gt;".</summary>
    public static string Person(string name, string email) => $"{name} <{email}>";

    /// <summary>Reads back a value written by <see cref="Of(Money)"/>.</summary>
    public static bool TryReadMoney(string? value, out Money money)
    {
        money = null!;
        var parts = value?.Split(' ');
        if (parts is not [var amount, var currency]
            || !decimal.TryParse(amount, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || !Currencies.IsKnown(currency))
        {
            return false;
        }

        try
        {
            money = Money.FromAmount(number, currency);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    /// <summary>Reads back a value written by <see cref="Of(DateOnly)"/>.</summary>
    public static bool TryReadDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
