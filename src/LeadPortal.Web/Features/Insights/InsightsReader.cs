using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;

using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Insights;

/// <summary>
/// Computes the insights of one organization in the database: every figure is a GROUP BY / COUNT / SUM over the leads
/// received in the period (found through the (OrganizationId, ReceivedAtUtc) index), or a single value read at a
/// position of the sorted response times. No query loads the period's leads; the largest result is one row per
/// day and lead type. Every query is written so that both SQLite and SQL Server translate it.
/// </summary>
public sealed class InsightsReader(LeadPortalDbContext db, TimeProvider clock, LeadTimingOptions timing)
{
    /// <summary>The most leads each attention list shows.</summary>
    public const int AttentionLimit = 10;

    // Response-time bucket limits in seconds. Constants, so the bucket expression reaches SQL as literals.
    internal const long OneHour = 3_600;
    internal const long FourHours = 4 * OneHour;
    internal const long OneDay = 24 * OneHour;
    internal const long ThreeDays = 3 * OneDay;
    internal const long SevenDays = 7 * OneDay;
    internal const long FourteenDays = 14 * OneDay;

    /// <summary>The bucket of a lead not answered (yet, or ever).</summary>
    internal const int NotAnswered = -1;

    /// <summary>The buckets of the response-time chart; each holds the answers above the previous limit, up to and including its own.</summary>
    public static IReadOnlyList<(string Key, long? UpToSeconds)> Buckets { get; } =
    [
        ("upTo1h", OneHour),
        ("1hTo4h", FourHours),
        ("4hTo24h", OneDay),
        ("1dTo3d", ThreeDays),
        ("3dTo7d", SevenDays),
        ("7dTo14d", FourteenDays),
        ("over14d", null),
    ];

    public async Task<InsightsReport> ReadAsync(int organizationId, InsightsPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var leads = db.LeadsOf(organizationId).AsNoTracking();
        var received = ReceivedIn(leads, period);

        // Three passes over the period's leads: statuses with response-time buckets, days, deal values.
        var statuses = await StatusCounts(received).ToListAsync(cancellationToken);
        var days = await DailyCounts(received).ToListAsync(cancellationToken);
        var money = await DealTotals(received).ToListAsync(cancellationToken);

        var answered = statuses.Where(s => s.Bucket != NotAnswered).Sum(s => s.Count);
        var (median, p90) = await PercentilesAsync(received, answered, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var expiring = AboutToExpire(leads, now, timing.DeadlineWarning);
        var urgent = UrgentContactRequests(leads, now, timing.UrgentContactWindow);
        var attention = new Attention(
            await ToAttention(expiring).Take(AttentionLimit).ToListAsync(cancellationToken),
            await expiring.CountAsync(cancellationToken),
            await ToAttention(urgent).Take(AttentionLimit).ToListAsync(cancellationToken),
            await urgent.CountAsync(cancellationToken));

        int CountOf(Func<StatusCount, bool> which) => statuses.Where(which).Sum(s => s.Count);
        var total = CountOf(_ => true);
        var open = CountOf(s => s.Stage == LeadStage.Received);
        var accepted = CountOf(s => s.Stage == LeadStage.Accepted);
        var won = CountOf(s => s.Outcome == LeadOutcome.Won);
        var lost = CountOf(s => s.Outcome == LeadOutcome.Lost);
        var declined = CountOf(s => s.Outcome == LeadOutcome.Declined);
        var expired = CountOf(s => s.Outcome == LeadOutcome.Expired);
        var acceptedOrLater = accepted + won + lost;
        var within24 = CountOf(s => s.Bucket is >= 0 and <= 2);
        var within72 = CountOf(s => s.Bucket is >= 0 and <= 3);

        return new InsightsReport(
            period,
            total,
            [.. Enum.GetValues<LeadType>().Select(t => new TypeCount(t, CountOf(s => s.Type == t)))],
            FoldIntoWeeks(period, days),
            new ResponseTimes(answered, median, p90,
                [.. Buckets.Select((b, i) => new ResponseBucket(b.Key, b.UpToSeconds, CountOf(s => s.Bucket == i)))]),
            new Ratio(within24, total),
            new Ratio(within72, total),
            new Ratio(expired, total),
            new Ratio(acceptedOrLater, acceptedOrLater + declined),
            new Ratio(won, won + lost),
            new Funnel(total, acceptedOrLater, won),
            new StatusTotals(open, accepted, won, lost, declined, expired),
            Totals(money, LeadStage.Accepted),
            Totals(money, LeadStage.Archived),
            [.. statuses.Where(s => s.Outcome == LeadOutcome.Declined && s.DeclineReason is not null)
                .GroupBy(s => s.DeclineReason!.Value)
                .Select(g => new ReasonCount(g.Key, g.Sum(s => s.Count)))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Reason)],
            attention);
    }

    internal static IQueryable<Lead> ReceivedIn(IQueryable<Lead> leads, InsightsPeriod period)
    {
        var start = period.StartUtc;
        var end = period.EndUtc;
        return leads.Where(l => l.ReceivedAtUtc >= start && l.ReceivedAtUtc < end);
    }

    /// <summary>
    /// How many leads in each type, stage, outcome, decline reason and response-time bucket (the index in
    /// <see cref="Buckets"/>, or <see cref="NotAnswered"/>), by a CASE in SQL: a few hundred rows at most, in one pass.
    /// </summary>
    internal static IQueryable<StatusCount> StatusCounts(IQueryable<Lead> leads) =>
        leads.GroupBy(l => new
        {
            l.Type,
            l.Stage,
            l.Outcome,
            l.DeclineReason,
            Bucket = l.ResponseTimeSeconds == null ? NotAnswered
                    : l.ResponseTimeSeconds <= OneHour ? 0
                    : l.ResponseTimeSeconds <= FourHours ? 1
                    : l.ResponseTimeSeconds <= OneDay ? 2
                    : l.ResponseTimeSeconds <= ThreeDays ? 3
                    : l.ResponseTimeSeconds <= SevenDays ? 4
                    : l.ResponseTimeSeconds <= FourteenDays ? 5
                    : 6,
        })
            .Select(g => new StatusCount(g.Key.Type, g.Key.Stage, g.Key.Outcome, g.Key.DeclineReason, g.Key.Bucket, g.Count()));

    /// <summary>
    /// Leads per received day (UTC) and type: date() on SQLite, CONVERT(date) on SQL Server. Neither shares a portable
    /// week function, so the days are folded into weeks in C#: at most 366 days × 3 types rows.
    /// </summary>
    internal static IQueryable<DayCount> DailyCounts(IQueryable<Lead> leads) =>
        leads.GroupBy(l => new { Day = l.ReceivedAtUtc.Date, l.Type })
            .Select(g => new DayCount(g.Key.Day, g.Key.Type, g.Count()));

    /// <summary>
    /// Deal values of the leads now Accepted (the open pipeline) and of the won ones, per currency. EF Core 10 writes the
    /// SUM over the owned Deal as one correlated subquery per group (dotnet/efcore#37778, fixed upstream by #38918): still
    /// computed in the database, at the cost of one more range scan per currency and stage, a handful at most.
    /// </summary>
    internal static IQueryable<DealTotal> DealTotals(IQueryable<Lead> leads) =>
        leads.Where(l => l.Deal != null && (l.Stage == LeadStage.Accepted || l.Outcome == LeadOutcome.Won))
            .GroupBy(l => new { l.Stage, l.Deal!.Currency })
            .Select(g => new DealTotal(g.Key.Stage, g.Key.Currency, g.Sum(l => l.Deal!.ValueMinor), g.Count()));

    /// <summary>The answered leads' response times from the <paramref name="skip"/>th smallest on: ORDER BY + OFFSET, on both providers.</summary>
    internal static IQueryable<long> ResponseTimesFrom(IQueryable<Lead> leads, int skip, int take) =>
        leads.Where(l => l.ResponseTimeSeconds != null)
            .OrderBy(l => l.ResponseTimeSeconds)
            .Select(l => l.ResponseTimeSeconds!.Value)
            .Skip(skip)
            .Take(take);

    internal static IQueryable<Lead> AboutToExpire(IQueryable<Lead> leads, DateTime now, TimeSpan warning)
    {
        var until = now + warning;
        return leads.Where(l => l.Stage == LeadStage.Received && l.ResponseDeadlineUtc > now && l.ResponseDeadlineUtc < until)
            .OrderBy(l => l.ResponseDeadlineUtc).ThenBy(l => l.Id);
    }

    /// <summary>Received leads whose customer asked to be contacted less than the urgent window ago (and the urgency job has not lapsed them).</summary>
    internal static IQueryable<Lead> UrgentContactRequests(IQueryable<Lead> leads, DateTime now, TimeSpan window)
    {
        var since = now - window;
        return leads.Where(l => l.ContactRequested && l.Stage == LeadStage.Received && !l.ContactUrgencyLapsed && l.ReceivedAtUtc > since)
            .OrderBy(l => l.ReceivedAtUtc).ThenBy(l => l.Id);
    }

    /// <summary>
    /// The median (mean of the two middle values for an even count) and the 90th percentile by nearest rank: the value
    /// at 1-based position ⌈0.9 × n⌉ of the sorted times. Each is one ORDER BY … OFFSET query returning one or two values.
    /// </summary>
    private static async Task<(double? Median, long? Percentile90)> PercentilesAsync(IQueryable<Lead> leads, int answered, CancellationToken cancellationToken)
    {
        if (answered == 0)
        {
            return (null, null);
        }

        var (medianSkip, medianTake) = MedianPositions(answered);
        var middle = await ResponseTimesFrom(leads, medianSkip, medianTake).ToListAsync(cancellationToken);
        var p90 = await ResponseTimesFrom(leads, Percentile90Rank(answered) - 1, 1).ToListAsync(cancellationToken);
        return (middle.Count == 0 ? null : middle.Average(), p90.Count == 0 ? null : p90[0]);
    }

    /// <summary>Where the median sits in <paramref name="count"/> sorted values (0-based), and whether it takes one or two of them.</summary>
    internal static (int Skip, int Take) MedianPositions(int count) =>
        count % 2 == 1 ? (count / 2, 1) : ((count / 2) - 1, 2);

    /// <summary>Nearest-rank 90th percentile: the 1-based rank ⌈0.9 × n⌉, in integers (⌈9n / 10⌉).</summary>
    internal static int Percentile90Rank(int count) => ((9 * count) + 9) / 10;

    private static IQueryable<AttentionLead> ToAttention(IQueryable<Lead> leads) =>
        leads.Select(l => new AttentionLead(l.Id, l.Customer.CompanyName, l.Type, l.ReceivedAtUtc, l.ResponseDeadlineUtc));

    private static List<WeekCounts> FoldIntoWeeks(InsightsPeriod period, List<DayCount> days)
    {
        var weeks = period.Weeks();
        var counts = new int[weeks.Count, Enum.GetValues<LeadType>().Length];
        foreach (var day in days)
        {
            var index = period.WeekIndexOf(DateOnly.FromDateTime(day.Day));
            if (index >= 0 && index < weeks.Count)
            {
                counts[index, (int)day.Type] += day.Count;
            }
        }

        return [.. weeks.Select((w, i) => new WeekCounts(w.WeekStart, w.From, w.To,
            [.. Enum.GetValues<LeadType>().Select(t => new TypeCount(t, counts[i, (int)t]))]))];
    }

    private static List<MoneyTotal> Totals(List<DealTotal> totals, LeadStage stage) =>
        [.. totals.Where(t => t.Stage == stage)
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .Select(t => new MoneyTotal(t.Currency, t.AmountMinor, MajorUnits(t.AmountMinor, t.Currency), t.Leads))];

    private static decimal MajorUnits(long minor, string currency) =>
        Currencies.IsKnown(currency) ? new Money(minor, currency).Amount : minor;

    internal sealed record StatusCount(LeadType Type, LeadStage Stage, LeadOutcome? Outcome, DeclineReason? DeclineReason, int Bucket, int Count);

    internal sealed record DayCount(DateTime Day, LeadType Type, int Count);

    internal sealed record DealTotal(LeadStage Stage, string Currency, long AmountMinor, int Leads);
}
