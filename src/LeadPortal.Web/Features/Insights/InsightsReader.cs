using System.Globalization;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;

using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Features.Insights;

/// <summary>
/// Computes the insights of one organization in the database. The counts, days and deal totals add up the rows of
/// <see cref="LeadDailyCount"/> (one per day, type, status, reason, bucket and currency, kept by the database with
/// each change), so a year costs a few thousand small rows, not a year of leads. The percentiles are single values
/// read at a position of the period's response times, within the one bucket that holds that position, through the
/// (OrganizationId, ResponseTimeSeconds, ReceivedAtUtc) index. Every query translates on SQLite and SQL Server.
/// </summary>
public sealed class InsightsReader(LeadPortalDbContext db, TimeProvider clock, LeadTimingOptions timing)
{
    /// <summary>The most leads each attention list shows.</summary>
    public const int AttentionLimit = 10;

    /// <summary>The buckets of the response-time chart; each holds the answers above the previous limit, up to and including its own.</summary>
    public static IReadOnlyList<(string Key, long? UpToSeconds)> Buckets { get; } =
        [.. new[] { "upTo1h", "1hTo4h", "4hTo24h", "1dTo3d", "3dTo7d", "7dTo14d", "over14d" }
            .Zip(ResponseBuckets.UpperLimitsSeconds, (key, limit) => (key, limit))];

    public async Task<InsightsReport> ReadAsync(int organizationId, InsightsPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var leads = db.Leads.AsNoTracking();
        var days = DaysIn(db.LeadDailyCounts, organizationId, period);

        var tallies = await MeasureCounts(days).ToListAsync(cancellationToken);
        var dayCounts = await DailyCounts(days).ToListAsync(cancellationToken);
        var money = await DealTotals(days).ToListAsync(cancellationToken);

        var statuses = tallies.Where(t => t.Measure == LeadMeasure.Status)
            .Select(t => (t.Type, Status: Enum.Parse<LeadStatus>(t.Value), t.Count)).ToList();
        var bucketCounts = Enumerable.Range(0, Buckets.Count)
            .Select(b => tallies.Where(t => t.Measure == LeadMeasure.ResponseBucket && t.Value == b.ToString(CultureInfo.InvariantCulture)).Sum(t => t.Count))
            .ToArray();
        var answered = bucketCounts.Sum();
        var (median, p90) = await PercentilesAsync(ReceivedIn(leads, period), bucketCounts, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var expiring = AboutToExpire(leads, now, timing.DeadlineWarning);
        var urgent = UrgentContactRequests(leads, now, timing.UrgentContactWindow);
        var attention = new Attention(
            await ToAttention(expiring).Take(AttentionLimit).ToListAsync(cancellationToken),
            await expiring.CountAsync(cancellationToken),
            await ToAttention(urgent).Take(AttentionLimit).ToListAsync(cancellationToken),
            await urgent.CountAsync(cancellationToken));

        int CountOf(Func<LeadStatus, bool> which) => statuses.Where(s => which(s.Status)).Sum(s => s.Count);
        var total = CountOf(_ => true);
        var open = CountOf(s => s == LeadStatus.Received);
        var accepted = CountOf(s => s == LeadStatus.Accepted);
        var won = CountOf(s => s == LeadStatus.Won);
        var lost = CountOf(s => s == LeadStatus.Lost);
        var declined = CountOf(s => s == LeadStatus.Declined);
        var expired = CountOf(s => s == LeadStatus.Expired);
        var acceptedOrLater = accepted + won + lost;
        var within24 = bucketCounts[..3].Sum();
        var within72 = bucketCounts[..4].Sum();

        return new InsightsReport(
            period,
            total,
            [.. Enum.GetValues<LeadType>().Select(t => new TypeCount(t, statuses.Where(s => s.Type == t).Sum(s => s.Count)))],
            FoldIntoWeeks(period, dayCounts),
            new ResponseTimes(answered, median, p90,
                [.. Buckets.Select((b, i) => new ResponseBucket(b.Key, b.UpToSeconds, bucketCounts[i]))]),
            new Ratio(within24, total),
            new Ratio(within72, total),
            new Ratio(expired, total),
            new Ratio(acceptedOrLater, acceptedOrLater + declined),
            new Ratio(won, won + lost),
            new Funnel(total, acceptedOrLater, won),
            new StatusTotals(open, accepted, won, lost, declined, expired),
            Totals(money, LeadStage.Accepted),
            Totals(money, LeadStage.Archived),
            [.. tallies.Where(t => t.Measure == LeadMeasure.DeclineReason)
                .GroupBy(t => Enum.Parse<DeclineReason>(t.Value))
                .Select(g => new ReasonCount(g.Key, g.Sum(t => t.Count)))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Reason)],
            attention);
    }

    internal static IQueryable<Lead> ReceivedIn(IQueryable<Lead> leads, InsightsPeriod period)
    {
        var start = period.StartUtc;
        var end = period.EndUtc;
        return leads.Where(l => l.ReceivedAtUtc >= start && l.ReceivedAtUtc < end);
    }

    /// <summary>The organization's daily counts of the leads received in the period (its days are whole UTC days).</summary>
    internal static IQueryable<LeadDailyCount> DaysIn(IQueryable<LeadDailyCount> days, int organizationId, InsightsPeriod period)
    {
        var from = period.From;
        var to = period.To;
        return days.Where(d => d.OrganizationId == organizationId && d.Day >= from && d.Day <= to);
    }

    /// <summary>The period's leads counted by type and status, by response-time bucket and by decline reason: a few dozen rows.</summary>
    internal static IQueryable<MeasureTally> MeasureCounts(IQueryable<LeadDailyCount> days) =>
        days.Where(d => d.Measure != LeadMeasure.Deal)
            .GroupBy(d => new { d.Measure, d.Type, d.Value })
            .Select(g => new MeasureTally(g.Key.Measure, g.Key.Type, g.Key.Value, g.Sum(d => d.Count)));

    /// <summary>Leads per received day (UTC) and type; folded into weeks in C#: at most 366 days × 3 types rows.</summary>
    internal static IQueryable<DayCount> DailyCounts(IQueryable<LeadDailyCount> days) =>
        days.Where(d => d.Measure == LeadMeasure.Status)
            .GroupBy(d => new { d.Day, d.Type })
            .Select(g => new DayCount(g.Key.Day, g.Key.Type, g.Sum(d => d.Count)));

    /// <summary>Deal values of the leads now Accepted (the open pipeline) and of the won ones, per currency.</summary>
    internal static IQueryable<DealTotal> DealTotals(IQueryable<LeadDailyCount> days) =>
        days.Where(d => d.Measure == LeadMeasure.Deal && (d.Value == nameof(LeadStatus.Accepted) || d.Value == nameof(LeadStatus.Won)))
            .GroupBy(d => new { d.Value, d.Currency })
            .Select(g => new DealTotal(g.Key.Value, g.Key.Currency, g.Sum(d => d.DealValueMinor), g.Sum(d => d.Count)));

    /// <summary>
    /// The answered leads' response times in bucket <paramref name="bucket"/>, from the <paramref name="skip"/>th
    /// smallest on: a walk of the response-time index within the bucket's limits (ORDER BY + OFFSET, on both providers).
    /// </summary>
    internal static IQueryable<long> ResponseTimesFrom(IQueryable<Lead> leads, int bucket, int skip, int take)
    {
        var answered = leads.Where(l => l.ResponseTimeSeconds != null);
        if (bucket > 0 && Buckets[bucket - 1].UpToSeconds is { } above)
        {
            answered = answered.Where(l => l.ResponseTimeSeconds > above);
        }

        if (Buckets[bucket].UpToSeconds is { } upTo)
        {
            answered = answered.Where(l => l.ResponseTimeSeconds <= upTo);
        }

        return answered.OrderBy(l => l.ResponseTimeSeconds)
            .Select(l => l.ResponseTimeSeconds!.Value)
            .Skip(skip)
            .Take(take);
    }

    internal static IQueryable<Lead> AboutToExpire(IQueryable<Lead> leads, DateTime now, TimeSpan warning)
    {
        return leads.Where(LeadRules.DeadlineNear<Lead>(now, warning)).OrderBy(l => l.ResponseDeadlineUtc).ThenBy(l => l.Id);
    }

    /// <summary>Received leads whose customer asked to be contacted less than the urgent window ago (and the urgency job has not lapsed them).</summary>
    internal static IQueryable<Lead> UrgentContactRequests(IQueryable<Lead> leads, DateTime now, TimeSpan window)
    {
        // Of the urgent ones, those nobody has answered yet: what needs attention.
        return leads.Where(l => l.Stage == LeadStage.Received).Where(LeadRules.UrgentContact<Lead>(now, window))
            .OrderBy(l => l.ReceivedAtUtc).ThenBy(l => l.Id);
    }

    /// <summary>
    /// The median (mean of the two middle values for an even count) and the 90th percentile by nearest rank: the value
    /// at 1-based position ⌈0.9 × n⌉ of the sorted times. The bucket counts say which bucket holds each position, so
    /// each value is one ORDER BY … OFFSET query within that bucket.
    /// </summary>
    private static async Task<(double? Median, long? Percentile90)> PercentilesAsync(IQueryable<Lead> leads, int[] bucketCounts, CancellationToken cancellationToken)
    {
        var answered = bucketCounts.Sum();
        if (answered == 0)
        {
            return (null, null);
        }

        var (medianSkip, medianTake) = MedianPositions(answered);
        var middle = new List<long>();
        for (var position = medianSkip; position < medianSkip + medianTake; position++)
        {
            if (await ValueAtAsync(leads, bucketCounts, position, cancellationToken) is { } value)
            {
                middle.Add(value);
            }
        }

        var p90 = await ValueAtAsync(leads, bucketCounts, Percentile90Rank(answered) - 1, cancellationToken);
        return (middle.Count == 0 ? null : middle.Average(), p90);
    }

    /// <summary>The response time at 0-based <paramref name="position"/> of the sorted times.</summary>
    private static async Task<long?> ValueAtAsync(IQueryable<Lead> leads, int[] bucketCounts, int position, CancellationToken cancellationToken)
    {
        var before = 0;
        for (var bucket = 0; bucket < bucketCounts.Length; bucket++)
        {
            if (position < before + bucketCounts[bucket])
            {
                var found = await ResponseTimesFrom(leads, bucket, position - before, 1).ToListAsync(cancellationToken);
                return found.Count == 0 ? null : found[0];
            }

            before += bucketCounts[bucket];
        }

        return null;
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
            var index = period.WeekIndexOf(day.Day);
            if (index >= 0 && index < weeks.Count)
            {
                counts[index, (int)day.Type] += day.Count;
            }
        }

        return [.. weeks.Select((w, i) => new WeekCounts(w.WeekStart, w.From, w.To,
            [.. Enum.GetValues<LeadType>().Select(t => new TypeCount(t, counts[i, (int)t]))]))];
    }

    private static List<MoneyTotal> Totals(List<DealTotal> totals, LeadStage stage) =>
        [.. totals.Where(t => LeadStatuses.StageOf(Enum.Parse<LeadStatus>(t.Status)) == stage)
            .OrderBy(t => t.Currency, StringComparer.Ordinal)
            .Select(t => new MoneyTotal(t.Currency, t.AmountMinor, MajorUnits(t.AmountMinor, t.Currency), t.Leads))];

    private static decimal MajorUnits(long minor, string currency) =>
        Currencies.IsKnown(currency) ? new Money(minor, currency).Amount : minor;

    internal sealed record MeasureTally(LeadMeasure Measure, LeadType Type, string Value, int Count);

    internal sealed record DayCount(DateOnly Day, LeadType Type, int Count);

    internal sealed record DealTotal(string Status, string Currency, long AmountMinor, int Leads);
}
