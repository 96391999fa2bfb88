using System.Text.Json;
using System.Text.Json.Serialization;

using LeadPortal.Web.Infrastructure;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LeadPortal.Web.Features.Insights;

/// <summary>The insights page and the same figures as JSON, for the signed-in user's organization.</summary>
[Authorize(Policy = Policies.WorksLeads)]
[Route("insights")]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.ReportsPolicy)]
public sealed class InsightsController(InsightsReader reader, TimeProvider clock) : Controller
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    [HttpGet("")]
    public async Task<IActionResult> Index(InsightsQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (period, error) = Resolve(query, now);
        var report = await reader.ReadAsync(User.OrganizationId(), period, cancellationToken);
        return View(new InsightsPage(report, query, error, now));
    }

    /// <summary>The figures of <see cref="Index"/> as JSON; a refused custom period is a 400 with the reason.</summary>
    [HttpGet("data")]
    public async Task<IActionResult> Data(InsightsQuery query, CancellationToken cancellationToken)
    {
        var (period, error) = Resolve(query, clock.GetUtcNow().UtcDateTime);
        if (error != InsightsPeriodError.None)
        {
            return BadRequest(new { error = error.ToString(), message = InsightsText.PeriodError(error) });
        }

        var report = await reader.ReadAsync(User.OrganizationId(), period, cancellationToken);
        return Json(report, JsonOptions);
    }

    private (InsightsPeriod Period, InsightsPeriodError Error) Resolve(InsightsQuery query, DateTime now)
    {
        // A date that does not parse leaves a model-state error and a null value: say so rather than guess.
        var malformed = (ModelState.TryGetValue(nameof(InsightsQuery.From), out var from) && from.Errors.Count > 0)
            || (ModelState.TryGetValue(nameof(InsightsQuery.To), out var to) && to.Errors.Count > 0);
        return InsightsPeriod.Resolve(query, malformed, DateOnly.FromDateTime(now));
    }
}

/// <summary>
/// What the page shows: the report, the query as typed (to refill the form), why a custom period was refused, and the
/// instant the page is of (its "time left" and "received ago" figures).
/// </summary>
public sealed record InsightsPage(InsightsReport Report, InsightsQuery Query, InsightsPeriodError Error, DateTime NowUtc);

/// <summary>One figure of the insights page's top row: its label, value and the note under it (a duration also carries its seconds).</summary>
public sealed record KpiCard(string TestId, string Label, string Value, string Note, double? Seconds = null);

/// <summary>One of the insights' "needs attention" cards: its leads, each with a time, and where to see the rest.</summary>
public sealed record AttentionCard(
    string Key, string Modifier, string Icon, string Heading, string Note, string Empty, int Total, IReadOnlyList<AttentionRow> Rows,
    IReadOnlyList<(string Text, string Url)> MoreLinks);

/// <summary>A lead on an attention card, with the time shown beside it (a deadline, or when it arrived).</summary>
public sealed record AttentionRow(AttentionLead Lead, DateTime AtUtc, string When, bool Urgent);
