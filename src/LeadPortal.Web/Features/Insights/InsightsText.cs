using System.Globalization;

using LeadPortal.Core.Leads;
using LeadPortal.Web.Features.Leads;

namespace LeadPortal.Web.Features.Insights;

/// <summary>
/// Every word the insights page shows, in one place. The properties are named like resource keys and the formats use
/// composite placeholders, so this class can become a .resx file (with a zh-TW sibling) without touching the view.
/// Lead types and decline reasons keep their labels from <see cref="LeadDisplay"/>, shared with the lead pages.
/// </summary>
public static class InsightsText
{
    public static string Title => "Insights";
    public static string Intro => "How your organization answered the leads it received, and what came of them.";

    // Period picker
    public static string PeriodLegend => "Period";
    public static string Last30Days => "Last 30 days";
    public static string Last90Days => "Last 90 days";
    public static string Last365Days => "Last 365 days";
    public static string CustomPeriod => "Custom";
    public static string From => "From";
    public static string To => "To";
    public static string Apply => "Apply";
    public static string PeriodSummaryFormat => "Leads received from {0} to {1} ({2} days, UTC)";
    public static string DownloadJson => "Figures as JSON";
    public static string PeriodMissingDate => "Enter both dates of a custom period.";
    public static string PeriodInvalidDate => "Enter the dates as year-month-day, for example 2026-11-20.";
    public static string PeriodEndBeforeStart => "The end date is before the start date.";
    public static string PeriodTooLongFormat => "A custom period can be at most {0} days long.";
    public static string PeriodFallback => "Showing the last 30 days instead.";

    // Needs attention
    public static string AttentionHeading => "Needs attention now";
    public static string AttentionNote => "Whenever they were received.";
    public static string AboutToExpireHeading => "About to expire";
    public static string AboutToExpireNoteFormat => "Received leads with less than {0} left to answer.";
    public static string AboutToExpireEmpty => "Nothing is about to expire.";
    public static string UrgentHeading => "Urgent contact requests";
    public static string UrgentNoteFormat => "Customers who asked to be contacted, received less than {0} ago and not answered yet.";
    public static string UrgentEmpty => "No urgent contact requests.";
    public static string TimeLeftFormat => "{0} left";
    public static string ReceivedAgoFormat => "received {0} ago";
    public static string MoreFormat => "and {0} more";
    public static string ShowExpiringMarketplace => "Marketplace leads by deadline";
    public static string ShowExpiringQualified => "Qualified leads by deadline";

    // Empty period
    public static string EmptyHeading => "No leads were received in this period.";
    public static string EmptyHint => "Choose a longer period or other dates.";

    // Key figures
    public static string KeyFiguresHeading => "Key figures";
    public static string Received => "Leads received";
    public static string MedianResponse => "Median time to respond";
    public static string Percentile90Response => "90th percentile";
    public static string AnsweredOfFormat => "of {0} answered leads";
    public static string Within24Hours => "Answered within 24 hours";
    public static string Within72Hours => "Answered within 72 hours";
    public static string ExpiredUnanswered => "Expired unanswered";
    public static string OfReceivedFormat => "{0} of {1} received";
    public static string AcceptanceRate => "Acceptance rate";
    public static string AcceptanceOfFormat => "{0} of {1} answered";
    public static string WinRate => "Win rate";
    public static string WinOfFormat => "{0} of {1} closed deals";
    public static string NoValue => "—";

    // Charts and their tables
    public static string ShowTable => "Show the figures as a table";
    public static string WeeklyHeading => "Leads received per week";
    public static string WeeklyDescriptionFormat => "Stacked bars, one per week starting on Monday, split by lead type: {0} leads in {1} weeks, at most {2} in a week.";
    public static string WeekBarTitleFormat => "Week of {0} · {1}: {2}";
    public static string Week => "Week of";
    public static string Total => "Total";
    public static string Legend => "Lead types";
    public static string FunnelHeading => "From received to won";
    public static string FunnelDescriptionFormat => "Funnel: {0} received, {1} accepted, {2} won.";
    public static string FunnelReceived => "Received";
    public static string FunnelAccepted => "Accepted";
    public static string FunnelWon => "Won";
    public static string FunnelOfReceivedFormat => "{0} · {1} of received";
    public static string FunnelOfAcceptedFormat => "{0} · {1} of accepted";
    public static string Stage => "Stage";
    public static string Leads => "Leads";
    public static string ShareOfReceived => "Share of received";
    public static string ResponseHeading => "Time to respond";
    public static string ResponseDescriptionFormat => "Bars: how many of the {0} answered leads were answered within each time range.";
    public static string ResponseBarTitleFormat => "{0}: {1} leads";
    public static string ResponseBucket => "Answered after";
    public static string NoAnswers => "No lead of this period has been answered yet.";

    public static string BucketLabel(string key) => key switch
    {
        "upTo1h" => "Up to 1 h",
        "1hTo4h" => "1–4 h",
        "4hTo24h" => "4–24 h",
        "1dTo3d" => "1–3 days",
        "3dTo7d" => "3–7 days",
        "7dTo14d" => "7–14 days",
        "over14d" => "Over 14 days",
        _ => key,
    };

    // Money
    public static string PipelineHeading => "Open pipeline";
    public static string PipelineNote => "Estimated value of the leads now in the Accepted stage.";
    public static string PipelineEmpty => "No open deals.";
    public static string WonHeading => "Won value";
    public static string WonNote => "Final value of the won deals.";
    public static string WonEmpty => "No won deals.";
    public static string Currency => "Currency";
    public static string Value => "Value";

    // Declines and losses
    public static string DeclinesHeading => "Declines and losses";
    public static string DeclineReason => "Decline reason";
    public static string Count => "Count";
    public static string DeclinesEmpty => "No lead was declined.";
    public static string LostDeals => "Deals lost after accepting";
    public static string DeclinedTotal => "Declined in all";

    // Definitions
    public static string DefinitionsHeading => "How these figures are counted";
    public static IReadOnlyList<(string Term, string Definition)> Definitions { get; } =
    [
        ("Period", "Every figure except “Needs attention now” counts the leads received in the period, whatever happened to them later. Days and weeks are UTC; weeks start on Monday."),
        ("Time to respond", "From receipt to the answer, accepted or declined. The median of an even number of answers is the mean of the two middle ones; the 90th percentile is by nearest rank. A range includes its upper limit: an answer after exactly 24 hours counts as within 24 hours."),
        ("Answered within 24 / 72 hours, expired", "Share of all leads received in the period, so leads still open count in the total."),
        ("Acceptance rate", "Leads accepted (including those later won or lost) ÷ leads answered (accepted or declined). Expired and open leads are left out."),
        ("Win rate", "Won ÷ (won + lost), over the accepted leads that are closed."),
        ("Open pipeline and won value", "Sums per currency, never converted: the estimated value of leads now Accepted, and the final value of won deals."),
    ];

    // Formatting
    public static string PercentFormat => "{0:0.#}%";
    public static string MinutesFormat => "{0} min";
    public static string HoursMinutesFormat => "{0} h {1} min";
    public static string HoursFormat => "{0} h";
    public static string DaysHoursFormat => "{0} d {1} h";
    public static string DaysFormat => "{0} d";
    public static string WholeHoursFormat => "{0} hours";
    public static string ShortDateFormat => "MMM d";
    public static string LongDateFormat => "d MMM yyyy";

    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

    public static string Percent(double? rate) => rate is { } r ? Format(PercentFormat, r * 100) : NoValue;

    /// <summary>"45 min", "14 h 30 min", "4 d 4 h"; rounded to the minute.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
        {
            return NoValue;
        }

        var span = TimeSpan.FromMinutes(Math.Round(s / 60, MidpointRounding.AwayFromZero));
        if (span.TotalHours < 1)
        {
            return Format(MinutesFormat, (int)span.TotalMinutes);
        }

        if (span.TotalDays < 1)
        {
            return span.Minutes == 0 ? Format(HoursFormat, span.Hours) : Format(HoursMinutesFormat, span.Hours, span.Minutes);
        }

        return span.Hours == 0 ? Format(DaysFormat, (int)span.TotalDays) : Format(DaysHoursFormat, (int)span.TotalDays, span.Hours);
    }

    /// <summary>A configured window in whole hours ("48 hours"), or as a duration when it is not whole hours.</summary>
    public static string Window(TimeSpan window) =>
        window.TotalHours == Math.Floor(window.TotalHours) ? Format(WholeHoursFormat, (int)window.TotalHours) : Duration(window.TotalSeconds);

    public static string ShortDate(DateOnly day) => day.ToString(ShortDateFormat, CultureInfo.CurrentCulture);

    public static string LongDate(DateOnly day) => day.ToString(LongDateFormat, CultureInfo.CurrentCulture);

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Amount(MoneyTotal total)
    {
        ArgumentNullException.ThrowIfNull(total);
        return LeadDisplay.Amount(total.AmountMinor, total.Currency);
    }

    public static string PeriodError(InsightsPeriodError error) => error switch
    {
        InsightsPeriodError.MissingDate => PeriodMissingDate,
        InsightsPeriodError.InvalidDate => PeriodInvalidDate,
        InsightsPeriodError.EndBeforeStart => PeriodEndBeforeStart,
        InsightsPeriodError.TooLong => Format(PeriodTooLongFormat, InsightsPeriod.MaxDays),
        _ => string.Empty,
    };

    public static string PeriodName(InsightsPeriodKind kind) => kind switch
    {
        InsightsPeriodKind.Last30Days => Last30Days,
        InsightsPeriodKind.Last90Days => Last90Days,
        InsightsPeriodKind.Last365Days => Last365Days,
        _ => CustomPeriod,
    };

    public static string TypeLabel(LeadType type) => LeadDisplay.Label(type);

    public static string ReasonLabel(DeclineReason reason) => LeadDisplay.Label(reason);
}