using System.Globalization;

namespace LeadPortal.Web.Features.Insights;

/// <summary>The period as it comes in the query string: <c>?period=30|90|365</c>, or <c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>.</summary>
public sealed class InsightsQuery
{
    public string? Period { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}

public enum InsightsPeriodKind
{
    Last30Days,
    Last90Days,
    Last365Days,
    Custom,
}

/// <summary>Why a custom period was refused; the page says so and shows the last 30 days instead.</summary>
public enum InsightsPeriodError
{
    None,
    MissingDate,
    InvalidDate,
    EndBeforeStart,
    TooLong,
}

/// <summary>One bar of the weekly chart: a Monday-to-Sunday week, clipped to the period.</summary>
public sealed record InsightsWeek(DateOnly WeekStart, DateOnly From, DateOnly To);

/// <summary>
/// Whole UTC days, <see cref="From"/> to <see cref="To"/> inclusive. A lead belongs to the period when it was
/// received in it: <see cref="StartUtc"/> &lt;= received &lt; <see cref="EndUtc"/>.
/// </summary>
public sealed record InsightsPeriod(InsightsPeriodKind Kind, DateOnly From, DateOnly To)
{
    /// <summary>The longest custom period: a leap year.</summary>
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public DateTime StartUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The presets, as their query-string value and kind.</summary>
    public static IReadOnlyList<(string Value, InsightsPeriodKind Kind, int Days)> Presets { get; } =
    [
        ("30", InsightsPeriodKind.Last30Days, 30),
        ("90", InsightsPeriodKind.Last90Days, 90),
        ("365", InsightsPeriodKind.Last365Days, 365),
    ];

    /// <summary>The last <paramref name="days"/> days, today (UTC) included.</summary>
    public static InsightsPeriod Last(InsightsPeriodKind kind, DateOnly today)
    {
        var days = Presets.Single(p => p.Kind == kind).Days;
        return new InsightsPeriod(kind, today.AddDays(1 - days), today);
    }

    /// <summary>Reads the query; anything unusable falls back to the last 30 days, with the reason for a refused custom period.</summary>
    public static (InsightsPeriod Period, InsightsPeriodError Error) Resolve(InsightsQuery query, bool datesMalformed, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(query);
        var fallback = Last(InsightsPeriodKind.Last30Days, today);
        var custom = string.Equals(query.Period, "custom", StringComparison.OrdinalIgnoreCase)
            || query.From is not null || query.To is not null || datesMalformed;
        if (!custom)
        {
            var preset = Presets.FirstOrDefault(p => p.Value == query.Period?.Trim());
            return (preset.Value is null ? fallback : Last(preset.Kind, today), InsightsPeriodError.None);
        }

        if (datesMalformed)
        {
            return (fallback, InsightsPeriodError.InvalidDate);
        }

        if (query.From is not { } from || query.To is not { } to)
        {
            return (fallback, InsightsPeriodError.MissingDate);
        }

        if (to < from)
        {
            return (fallback, InsightsPeriodError.EndBeforeStart);
        }

        // The period ends at midnight after its last day, which the calendar's last day has not.
        if (to == DateOnly.MaxValue)
        {
            return (fallback, InsightsPeriodError.InvalidDate);
        }

        var period = new InsightsPeriod(InsightsPeriodKind.Custom, from, to);
        return period.Days > MaxDays ? (fallback, InsightsPeriodError.TooLong) : (period, InsightsPeriodError.None);
    }

    /// <summary>The weeks the period touches, Monday first; the first and last are cut to the period.</summary>
    public IReadOnlyList<InsightsWeek> Weeks()
    {
        var weeks = new List<InsightsWeek>();
        for (var monday = MondayOf(From); monday <= To; monday = monday.AddDays(7))
        {
            var sunday = monday.AddDays(6);
            weeks.Add(new InsightsWeek(monday, monday < From ? From : monday, sunday > To ? To : sunday));
        }

        return weeks;
    }

    /// <summary>The index in <see cref="Weeks"/> of the week holding <paramref name="day"/>.</summary>
    public int WeekIndexOf(DateOnly day) => (day.DayNumber - MondayOf(From).DayNumber) / 7;

    /// <summary>The query string that shows this period again.</summary>
    public string ToQueryString() => Kind == InsightsPeriodKind.Custom
        ? string.Create(CultureInfo.InvariantCulture, $"?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}")
        : "?period=" + Presets.Single(p => p.Kind == Kind).Value;

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
