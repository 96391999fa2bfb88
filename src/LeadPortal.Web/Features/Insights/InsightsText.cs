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
    private static string T(string english) => Infrastructure.Texts.Get(english);

    public static string Title => T("Insights");
    public static string Intro => T("How your organization answered the leads it received, and what came of them.");

    // Period picker
    public static string PeriodLegend => T("Period");
    public static string Last30Days => T("Last 30 days");
    public static string Last90Days => T("Last 90 days");
    public static string Last365Days => T("Last 365 days");
    public static string CustomPeriod => T("Custom");
    public static string From => T("From");
    public static string To => T("To");
    public static string Apply => T("Apply");
    public static string PeriodSummaryFormat => T("Leads received from {0} to {1} ({2} days, UTC)");
    public static string DownloadJson => T("Figures as JSON");
    public static string PeriodMissingDate => T("Enter both dates of a custom period.");
    public static string PeriodInvalidDate => T("Enter the dates as year-month-day, for example 2026-11-20.");
    public static string PeriodEndBeforeStart => T("The end date is before the start date.");
    public static string PeriodTooLongFormat => T("A custom period can be at most {0} days long.");
    public static string PeriodFallback => T("Showing the last 30 days instead.");

    // Needs attention
    public static string AttentionHeading => T("Needs attention now");
    public static string AttentionNote => T("Whenever they were received.");
    public static string AboutToExpireHeading => T("About to expire");
    public static string AboutToExpireNoteFormat => T("Received leads with less than {0} left to answer.");
    public static string AboutToExpireEmpty => T("Nothing is about to expire.");
    public static string UrgentHeading => T("Urgent contact requests");
    public static string UrgentNoteFormat => T("Customers who asked to be contacted, received less than {0} ago and not answered yet.");
    public static string UrgentEmpty => T("No urgent contact requests.");
    public static string TimeLeftFormat => T("{0} left");
    public static string ReceivedAgoFormat => T("received {0} ago");
    public static string MoreFormat => T("and {0} more");
    public static string ShowExpiringMarketplace => T("Marketplace leads by deadline");
    public static string ShowExpiringQualified => T("Qualified leads by deadline");

    // Empty period
    public static string EmptyHeading => T("No leads were received in this period.");
    public static string EmptyHint => T("Choose a longer period or other dates.");

    // Key figures
    public static string KeyFiguresHeading => T("Key figures");
    public static string Received => T("Leads received");
    public static string MedianResponse => T("Median time to respond");
    public static string Percentile90Response => T("90th percentile");
    public static string AnsweredOfFormat => T("of {0} answered leads");
    public static string Within24Hours => T("Answered within 24 hours");
    public static string Within72Hours => T("Answered within 72 hours");
    public static string ExpiredUnanswered => T("Expired unanswered");
    public static string OfReceivedFormat => T("{0} of {1} received");
    public static string AcceptanceRate => T("Acceptance rate");
    public static string AcceptanceOfFormat => T("{0} of {1} answered");
    public static string WinRate => T("Win rate");
    public static string WinOfFormat => T("{0} of {1} closed deals");
    public static string NoValue => "—";

    // Charts and their tables
    public static string ShowTable => T("Show the figures as a table");
    public static string WeeklyHeading => T("Leads received per week");
    public static string WeeklyDescriptionFormat => T("Stacked bars, one per week starting on Monday, split by lead type: {0} leads in {1} weeks, at most {2} in a week.");
    public static string WeekBarTitleFormat => T("Week of {0} · {1}: {2}");
    public static string Week => T("Week of");
    public static string Total => T("Total");
    public static string Legend => T("Lead types");
    public static string FunnelHeading => T("From received to won");
    public static string FunnelDescriptionFormat => T("Funnel: {0} received, {1} accepted, {2} won.");
    public static string FunnelReceived => T("Received");
    public static string FunnelAccepted => T("Accepted");
    public static string FunnelWon => T("Won");
    public static string FunnelOfReceivedFormat => T("{0} · {1} of received");
    public static string FunnelOfAcceptedFormat => T("{0} · {1} of accepted");
    public static string Stage => T("Stage");
    public static string Leads => T("Leads");
    public static string ShareOfReceived => T("Share of received");
    public static string ResponseHeading => T("Time to respond");
    public static string ResponseDescriptionFormat => T("Bars: how many of the {0} answered leads were answered within each time range.");
    public static string ResponseBarTitleFormat => T("{0}: {1} leads");
    public static string ResponseBucket => T("Answered after");
    public static string NoAnswers => T("No lead of this period has been answered yet.");

    public static string BucketLabel(string key) => key switch
    {
        "upTo1h" => T("Up to 1 h"),
        "1hTo4h" => T("1–4 h"),
        "4hTo24h" => T("4–24 h"),
        "1dTo3d" => T("1–3 days"),
        "3dTo7d" => T("3–7 days"),
        "7dTo14d" => T("7–14 days"),
        "over14d" => T("Over 14 days"),
        _ => key,
    };

    // Money
    public static string PipelineHeading => T("Open pipeline");
    public static string PipelineNote => T("Estimated value of the leads now in the Accepted stage.");
    public static string PipelineEmpty => T("No open deals.");
    public static string WonHeading => T("Won value");
    public static string WonNote => T("Final value of the won deals.");
    public static string WonEmpty => T("No won deals.");
    public static string Currency => T("Currency");
    public static string Value => T("Value");

    // Declines and losses
    public static string DeclinesHeading => T("Declines and losses");
    public static string DeclineReason => T("Decline reason");
    public static string Count => T("Count");
    public static string DeclinesEmpty => T("No lead was declined.");
    public static string LostDeals => T("Deals lost after accepting");
    public static string DeclinedTotal => T("Declined in all");

    // Definitions
    public static string DefinitionsHeading => T("How these figures are counted");
    public static IReadOnlyList<(string Term, string Definition)> Definitions =>
    [
        (T("Period"), T("Every figure except “Needs attention now” counts the leads received in the period, whatever happened to them later. Days and weeks are UTC; weeks start on Monday.")),
        (T("Time to respond"), T("From receipt to the answer, accepted or declined. The median of an even number of answers is the mean of the two middle ones; the 90th percentile is by nearest rank. A range includes its upper limit: an answer after exactly 24 hours counts as within 24 hours.")),
        (T("Answered within 24 / 72 hours, expired"), T("Share of all leads received in the period, so leads still open count in the total.")),
        (T("Acceptance rate"), T("Leads accepted (including those later won or lost) ÷ leads answered (accepted or declined). Expired and open leads are left out.")),
        (T("Win rate"), T("Won ÷ (won + lost), over the accepted leads that are closed.")),
        (T("Open pipeline and won value"), T("Sums per currency, never converted: the estimated value of leads now Accepted, and the final value of won deals.")),
    ];

    // Formatting
    public static string PercentFormat => "{0:0.#}%";
    public static string MinutesFormat => T("{0} min");
    public static string HoursMinutesFormat => T("{0} h {1} min");
    public static string HoursFormat => T("{0} h");
    public static string DaysHoursFormat => T("{0} d {1} h");
    public static string DaysFormat => T("{0} d");
    public static string WholeHoursFormat => T("{0} hours");
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

    public static string TypeLabel(LeadType type) => T(LeadDisplay.Label(type));

    public static string ReasonLabel(DeclineReason reason) => T(LeadDisplay.Label(reason));
}
