using LeadPortal.Core.Leads;

namespace LeadPortal.Web.Features.Insights;

/// <summary>
/// Every figure of the insights page for one organization and period; the page draws it and <c>/insights/data</c>
/// returns it as JSON. All figures except <see cref="Attention"/> count the leads received in the period.
/// </summary>
public sealed record InsightsReport(
    InsightsPeriod Period,
    int Received,
    IReadOnlyList<TypeCount> ReceivedByType,
    IReadOnlyList<WeekCounts> Weeks,
    ResponseTimes ResponseTime,
    Ratio AnsweredWithin24Hours,
    Ratio AnsweredWithin72Hours,
    Ratio Expired,
    Ratio Acceptance,
    Ratio Win,
    Funnel Funnel,
    StatusTotals Status,
    IReadOnlyList<MoneyTotal> OpenPipeline,
    IReadOnlyList<MoneyTotal> WonValue,
    IReadOnlyList<ReasonCount> DeclineReasons,
    Attention Attention)
{
    public bool IsEmpty => Received == 0;
}

public sealed record TypeCount(LeadType Type, int Count);

public sealed record WeekCounts(DateOnly WeekStart, DateOnly From, DateOnly To, IReadOnlyList<TypeCount> ByType)
{
    public int Total => ByType.Sum(t => t.Count);
}

/// <summary><see cref="Count"/> out of <see cref="Of"/>; <see cref="Rate"/> is null when there is nothing to divide by.</summary>
public sealed record Ratio(int Count, int Of)
{
    public double? Rate => Of == 0 ? null : (double)Count / Of;
}

/// <summary>
/// Time from receipt to the answer (accept or decline) of the answered leads. The median of an even count is the mean
/// of the two middle values; the 90th percentile is by nearest rank (the value at position ⌈0.9 × n⌉, counting from 1).
/// </summary>
public sealed record ResponseTimes(int Answered, double? MedianSeconds, long? Percentile90Seconds, IReadOnlyList<ResponseBucket> Buckets);

/// <summary>Answers that took more than the previous bucket's limit and at most <see cref="UpToSeconds"/> (null: no limit).</summary>
public sealed record ResponseBucket(string Key, long? UpToSeconds, int Count);

/// <summary>Received → accepted (or later: won, lost) → won.</summary>
public sealed record Funnel(int Received, int Accepted, int Won);

/// <summary>Where the period's leads are now.</summary>
public sealed record StatusTotals(int Open, int Accepted, int Won, int Lost, int Declined, int Expired);

/// <summary>A sum of deal values in one currency, in minor units and in major units.</summary>
public sealed record MoneyTotal(string Currency, long AmountMinor, decimal Amount, int Leads);

public sealed record ReasonCount(DeclineReason Reason, int Count);

/// <summary>Leads to act on now, whenever they were received; each list holds at most <see cref="InsightsReader.AttentionLimit"/> leads.</summary>
public sealed record Attention(
    IReadOnlyList<AttentionLead> AboutToExpire,
    int AboutToExpireTotal,
    IReadOnlyList<AttentionLead> UrgentContactRequests,
    int UrgentContactRequestsTotal);

public sealed record AttentionLead(long Id, string Company, LeadType Type, DateTime ReceivedAtUtc, DateTime ResponseDeadlineUtc)
{
    public string Url => $"/leads/{Id}";
}
