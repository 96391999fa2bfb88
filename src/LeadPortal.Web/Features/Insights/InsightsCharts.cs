using System.Globalization;

using LeadPortal.Core.Leads;

namespace LeadPortal.Web.Features.Insights;

public sealed record SvgRect(double X, double Y, double Width, double Height, string CssClass, string? Title);

public sealed record SvgText(double X, double Y, string Text, string Anchor, string CssClass);

public sealed record SvgLine(double X1, double Y1, double X2, double Y2, string CssClass);

public sealed record SvgPolygon(IReadOnlyList<(double X, double Y)> Points, string CssClass);

/// <summary>A chart drawn on the server as SVG: no script, scales with its viewBox, and reads as one image with a title and description.</summary>
public sealed record SvgChart(
    string Id,
    int Width,
    int Height,
    string Title,
    string Description,
    IReadOnlyList<SvgLine> Lines,
    IReadOnlyList<SvgPolygon> Polygons,
    IReadOnlyList<SvgRect> Rects,
    IReadOnlyList<SvgText> Texts);

/// <summary>Lays out the insights charts: geometry only; the partial <c>_SvgChart</c> writes the markup.</summary>
public static class InsightsCharts
{
    private static readonly int[] NiceSteps = [1, 2, 5];

    /// <summary>A coordinate as SVG wants it, whatever the culture.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Points(SvgPolygon polygon)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        return string.Join(' ', polygon.Points.Select(p => $"{N(p.X)},{N(p.Y)}"));
    }

    /// <summary>The colour class of a lead type (Okabe–Ito colours, told apart with colour-blindness too).</summary>
    public static string TypeClass(LeadType type) => $"ins-type-{(int)type}";

    /// <summary>One stacked bar per week, a segment per lead type, with a value axis of round numbers.</summary>
    public static SvgChart Weekly(InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        const int width = 760, height = 260, left = 40, right = 10, top = 14, bottom = 30;
        const double plotWidth = width - left - right, plotHeight = height - top - bottom;
        var weeks = report.Weeks;
        var busiest = weeks.Count == 0 ? 0 : weeks.Max(w => w.Total);
        var (step, max) = Scale(busiest);
        var (lines, texts) = ValueAxis(step, max, left, width - right, top, plotHeight);
        var rects = new List<SvgRect>();

        var slot = weeks.Count == 0 ? plotWidth : plotWidth / weeks.Count;
        var barWidth = Math.Min(slot * 0.72, 48);
        var labelEvery = (int)Math.Ceiling(weeks.Count / 10.0);
        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i];
            var x = left + (i * slot) + ((slot - barWidth) / 2);
            var y = top + plotHeight;
            foreach (var part in week.ByType.Where(t => t.Count > 0))
            {
                var h = part.Count * plotHeight / max;
                y -= h;
                rects.Add(new SvgRect(x, y, barWidth, h, TypeClass(part.Type),
                    InsightsText.Format(InsightsText.WeekBarTitleFormat, InsightsText.ShortDate(week.From), InsightsText.TypeLabel(part.Type), part.Count)));
            }

            if (week.Total > 0 && weeks.Count <= 26)
            {
                texts.Add(new SvgText(x + (barWidth / 2), y - 4, InsightsText.Number(week.Total), "middle", "ins-value"));
            }

            if (i % labelEvery == 0)
            {
                texts.Add(new SvgText(x + (barWidth / 2), height - bottom + 18, InsightsText.ShortDate(week.From), "middle", "ins-tick"));
            }
        }

        var description = InsightsText.Format(InsightsText.WeeklyDescriptionFormat, report.Received, weeks.Count, busiest);
        return new SvgChart("chart-weeks", width, height, InsightsText.WeeklyHeading, description, lines, [], rects, texts);
    }

    /// <summary>Received → accepted → won as centred bars, each as wide as its share of received, joined like a funnel.</summary>
    public static SvgChart Funnel(InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        const int width = 520, height = 196, labelRight = 84, barLeft = 94, barArea = 250, barHeight = 42, rowStep = 68, top = 8;
        const double centre = barLeft + (barArea / 2.0);
        var f = report.Funnel;
        var rows = new[]
        {
            (Label: InsightsText.FunnelReceived, Count: f.Received, Value: InsightsText.Number(f.Received), Css: "ins-funnel-0"),
            (Label: InsightsText.FunnelAccepted, Count: f.Accepted,
                Value: InsightsText.Format(InsightsText.FunnelOfReceivedFormat, InsightsText.Number(f.Accepted), InsightsText.Percent(new Ratio(f.Accepted, f.Received).Rate)), Css: "ins-funnel-1"),
            (Label: InsightsText.FunnelWon, Count: f.Won,
                Value: InsightsText.Format(InsightsText.FunnelOfAcceptedFormat, InsightsText.Number(f.Won), InsightsText.Percent(new Ratio(f.Won, f.Accepted).Rate)), Css: "ins-funnel-2"),
        };
        var rects = new List<SvgRect>();
        var texts = new List<SvgText>();
        var polygons = new List<SvgPolygon>();
        double? previousHalf = null;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var w = f.Received == 0 ? 0 : Math.Max(row.Count * barArea / (double)f.Received, row.Count > 0 ? 3 : 0);
            var y = top + (i * rowStep);
            if (previousHalf is { } half)
            {
                var gapTop = y - (rowStep - barHeight);
                polygons.Add(new SvgPolygon([(centre - half, gapTop), (centre + half, gapTop), (centre + (w / 2), y), (centre - (w / 2), y)], "ins-funnel-join"));
            }

            rects.Add(new SvgRect(centre - (w / 2), y, w, barHeight, row.Css, $"{row.Label}: {row.Value}"));
            texts.Add(new SvgText(labelRight, y + (barHeight / 2) + 5, row.Label, "end", "ins-label"));
            texts.Add(new SvgText(barLeft + barArea + 12, y + (barHeight / 2) + 5, row.Value, "start", "ins-value"));
            previousHalf = w / 2;
        }

        var description = InsightsText.Format(InsightsText.FunnelDescriptionFormat, f.Received, f.Accepted, f.Won);
        return new SvgChart("chart-funnel", width, height, InsightsText.FunnelHeading, description, [], polygons, rects, texts);
    }

    /// <summary>Answered leads per response-time range, as columns with their counts on top.</summary>
    public static SvgChart ResponseTimes(InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        const int width = 520, height = 240, left = 34, right = 8, top = 18, bottom = 30;
        const double plotWidth = width - left - right, plotHeight = height - top - bottom;
        var buckets = VisibleBuckets(report);
        var (step, max) = Scale(buckets.Count == 0 ? 0 : buckets.Max(b => b.Count));
        var (lines, texts) = ValueAxis(step, max, left, width - right, top, plotHeight);
        var rects = new List<SvgRect>();

        var slot = plotWidth / Math.Max(1, buckets.Count);
        var barWidth = slot * 0.66;
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            var x = left + (i * slot) + ((slot - barWidth) / 2);
            var h = bucket.Count * plotHeight / max;
            var y = top + plotHeight - h;
            var label = InsightsText.BucketLabel(bucket.Key);
            rects.Add(new SvgRect(x, y, barWidth, h, "ins-response", InsightsText.Format(InsightsText.ResponseBarTitleFormat, label, bucket.Count)));
            texts.Add(new SvgText(x + (barWidth / 2), y - 5, InsightsText.Number(bucket.Count), "middle", "ins-value"));
            texts.Add(new SvgText(x + (barWidth / 2), height - bottom + 18, label, "middle", "ins-tick"));
        }

        var description = InsightsText.Format(InsightsText.ResponseDescriptionFormat, report.ResponseTime.Answered);
        return new SvgChart("chart-response", width, height, InsightsText.ResponseHeading, description, lines, [], rects, texts);
    }

    /// <summary>The buckets the chart and table show: all but the open-ended last one unless it holds answers.</summary>
    public static IReadOnlyList<ResponseBucket> VisibleBuckets(InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.ResponseTime.Buckets.Where(b => b.UpToSeconds is not null || b.Count > 0)];
    }

    /// <summary>A round step (1, 2 or 5 × 10ⁿ) giving at most five gridlines, and the axis top it reaches.</summary>
    /// <summary>The value axis of a chart: a grid line and a label at each round number up to <paramref name="max"/>.</summary>
    private static (List<SvgLine> Lines, List<SvgText> Texts) ValueAxis(int step, int max, double left, double right, double top, double plotHeight)
    {
        var lines = new List<SvgLine>();
        var texts = new List<SvgText>();
        for (var tick = 0; tick <= max; tick += step)
        {
            var y = top + plotHeight - (tick * plotHeight / max);
            lines.Add(new SvgLine(left, y, right, y, tick == 0 ? "ins-axis" : "ins-grid"));
            texts.Add(new SvgText(left - 6, y + 4, InsightsText.Number(tick), "end", "ins-tick"));
        }

        return (lines, texts);
    }

    internal static (int Step, int Max) Scale(int largest)
    {
        if (largest <= 0)
        {
            return (1, 1);
        }

        var step = 1;
        for (var magnitude = 1; ; magnitude *= 10)
        {
            var candidate = NiceSteps.Select(m => m * magnitude).FirstOrDefault(s => largest <= s * 5);
            if (candidate > 0)
            {
                step = candidate;
                break;
            }
        }

        return (step, (int)Math.Ceiling(largest / (double)step) * step);
    }
}
