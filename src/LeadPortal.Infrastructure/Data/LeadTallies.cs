using LeadPortal.Core.Leads;

namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// Where a lead is in its life cycle in one word: its stage while open, its outcome once archived. The names are those
/// of <see cref="LeadStage"/> and <see cref="LeadOutcome"/>, so SQL computes it as <c>COALESCE(Outcome, Stage)</c>.
/// </summary>
public enum LeadStatus
{
    Received,
    Accepted,
    Won,
    Lost,
    Declined,
    Expired,
}

public static class LeadStatuses
{
    public static LeadStatus Of(LeadStage stage, LeadOutcome? outcome) => outcome switch
    {
        LeadOutcome.Won => LeadStatus.Won,
        LeadOutcome.Lost => LeadStatus.Lost,
        LeadOutcome.Declined => LeadStatus.Declined,
        LeadOutcome.Expired => LeadStatus.Expired,
        _ => stage == LeadStage.Accepted ? LeadStatus.Accepted : LeadStatus.Received,
    };

    public static LeadStage StageOf(LeadStatus status) => status switch
    {
        LeadStatus.Received => LeadStage.Received,
        LeadStatus.Accepted => LeadStage.Accepted,
        _ => LeadStage.Archived,
    };

    public static LeadOutcome? OutcomeOf(LeadStatus status) => status switch
    {
        LeadStatus.Won => LeadOutcome.Won,
        LeadStatus.Lost => LeadOutcome.Lost,
        LeadStatus.Declined => LeadOutcome.Declined,
        LeadStatus.Expired => LeadOutcome.Expired,
        _ => null,
    };
}

/// <summary>
/// How many of an organization's leads have each type and status. Kept by the database's triggers on <c>Leads</c>
/// (see the LeadTallies migration of each provider), so every write, the aggregate's, the jobs' set-based updates or
/// a bulk insert, keeps it exact without the application counting anything. The lists read their stage counts here.
/// </summary>
public sealed class LeadStatusCount
{
    public int OrganizationId { get; private set; }
    public LeadType Type { get; private set; }
    public LeadStatus Status { get; private set; }
    public int Count { get; private set; }
}

/// <summary>
/// How many of a user's favorites, on one organization's leads of one type, have each status: the stage counts of
/// the Favorites tab. Kept by triggers on FavoriteLeads (whose keys the lead's triggers keep), never written by the app.
/// </summary>
public sealed class FavoriteStatusCount
{
    public string UserId { get; private set; } = string.Empty;
    public int OrganizationId { get; private set; }
    public LeadType Type { get; private set; }
    public LeadStatus Status { get; private set; }
    public int Count { get; private set; }
}

/// <summary>What a row of <see cref="LeadDailyCount"/> counts the day's leads by.</summary>
public enum LeadMeasure
{
    /// <summary>By status (<see cref="LeadDailyCount.Value"/> is a <see cref="LeadStatus"/>): every lead.</summary>
    Status,

    /// <summary>By response-time bucket (the index in <see cref="ResponseBuckets.UpperLimitsSeconds"/>): the answered leads.</summary>
    ResponseBucket,

    /// <summary>By decline reason: the declined leads.</summary>
    DeclineReason,

    /// <summary>By status and deal currency, with the sum of the deal values: the leads with a deal.</summary>
    Deal,
}

/// <summary>
/// The leads received on one UTC day, per type, counted by one <see cref="Measure"/> at a time (a few dozen rows a
/// day, whatever the number of leads): what insights add up for a period instead of grouping the period's leads. Kept
/// by the same triggers as <see cref="LeadStatusCount"/>. <see cref="Currency"/> is empty but for the Deal measure.
/// </summary>
public sealed class LeadDailyCount
{
    public int OrganizationId { get; private set; }
    public LeadMeasure Measure { get; private set; }
    public DateOnly Day { get; private set; }
    public LeadType Type { get; private set; }
    public string Value { get; private set; } = string.Empty;
    public string Currency { get; private set; } = string.Empty;
    public int Count { get; private set; }
    public long DealValueMinor { get; private set; }
}

/// <summary>
/// The text a lead list searches, one row per lead: company, contact, e-mail and deal name, one per line. On SQLite
/// an FTS5 table with the trigram tokenizer (so <c>LIKE '%…%'</c> is answered from its index); on SQL Server a
/// plain narrow table. Kept by the triggers on <c>Leads</c>.
/// </summary>
public sealed class LeadSearchEntry
{
    public long LeadId { get; private set; }
    public string Text { get; private set; } = string.Empty;
}

/// <summary>
/// The response-time buckets: each holds the answers above the previous limit, up to and including its own; the last
/// has no limit. The triggers compute the same buckets in SQL with these literals.
/// </summary>
public static class ResponseBuckets
{
    /// <summary>The bucket of a lead not answered (yet, or ever).</summary>
    public const int NotAnswered = -1;

    public const long OneHour = 3_600;
    public const long FourHours = 4 * OneHour;
    public const long OneDay = 24 * OneHour;
    public const long ThreeDays = 3 * OneDay;
    public const long SevenDays = 7 * OneDay;
    public const long FourteenDays = 14 * OneDay;

    public static IReadOnlyList<long?> UpperLimitsSeconds { get; } = [OneHour, FourHours, OneDay, ThreeDays, SevenDays, FourteenDays, null];

    public static int Of(long? responseTimeSeconds)
    {
        if (responseTimeSeconds is not { } seconds)
        {
            return NotAnswered;
        }

        for (var i = 0; i < UpperLimitsSeconds.Count; i++)
        {
            if (UpperLimitsSeconds[i] is not { } limit || seconds <= limit)
            {
                return i;
            }
        }

        return UpperLimitsSeconds.Count - 1;
    }
}
