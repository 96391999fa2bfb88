using System.Globalization;
using System.Net;
using System.Text.Json;

using AngleSharp.Html.Dom;

using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Tests.Support;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The insights page and its JSON over an organization of their own ("Insights Co") whose 19 leads were hand-placed;
/// every expected figure below is worked out by hand from <see cref="InsightsFactory"/>. The clock stands at
/// Friday 2026-11-20 09:00 UTC. A second organization ("Rival Co") has leads in the same days that must never count.
/// </summary>
public sealed class InsightsTests : IClassFixture<InsightsTests.InsightsFactory>
{
    private const string Email = "insights@insights.test";
    private const string RivalEmail = "insights@rival.test";
    private const string Password = "InsightsCo!2026";

    // The main period: Monday 2 November to today, Friday 20 November (19 days, weeks of 2, 9 and 16 November).
    private const string MainPeriod = "from=2026-11-02&to=2026-11-20";

    private readonly InsightsFactory _factory;

    public InsightsTests(InsightsFactory factory) => _factory = factory;

    /// <summary>
    /// Leads A–S of Insights Co (received time; answer after; what happened):
    /// <code>
    /// A CI  Nov 2 10:00  accepted after 30 min (1,800 s), won 1,000.00 USD
    /// B CI  Nov 3 08:00  declined after 2 h (7,200 s): budget too small
    /// C MQ  Nov 4 12:00  accepted after 5 h (18,000 s), open deal 2,500.50 USD
    /// D SQ  Nov 5 00:00  accepted after exactly 24 h (86,400 s), lost (deal 4,000.00 USD)
    /// E SQ  Nov 2 08:00  expired on Nov 16
    /// F SQ  Nov 9 09:00  declined after 30 h (108,000 s): budget too small
    /// G CI  Nov 10 15:00 accepted after 48 h (172,800 s), open deal 300,000 JPY
    /// H MQ  Nov 11 00:00 declined after 100 h (360,000 s): not a fit
    /// I SQ  Nov 3 00:00  accepted after 10 days (864,000 s), won with final value 5,000.00 EUR (estimate 4,000.00)
    /// J CI  Nov 6 12:00  open: deadline Nov 20 12:00, 3 h left            → about to expire
    /// K MQ  Nov 7 00:00  open: deadline Nov 21 00:00, 15 h left           → about to expire
    /// L SQ  Nov 8 12:00  open: deadline Nov 22 12:00, 51 h left           (not under 48 h)
    /// M CI  Nov 19 12:00 open, contact requested 21 h ago                 → urgent
    /// N CI  Nov 17 08:00 open, contact requested 73 h ago                 (not urgent any more)
    /// O CI  Nov 20 08:00 contact requested, accepted after 15 min (900 s), open deal 750.00 USD (answered: not urgent)
    /// P MQ  Nov 18 00:00 open, contact requested, lapsed by the urgency job (not urgent)
    /// Q SQ  Nov 16 10:00 accepted after 3 h (10,800 s), won with final value 2,200.00 USD
    /// R CI  Oct 25 10:00 expired on Nov 8  (only in the last 30 days)
    /// S SQ  Oct 21 23:00 expired on Nov 4  (one hour before the last 30 days start)
    /// </code>
    /// </summary>
    public sealed class InsightsFactory : PortalFactory
    {
        private readonly Lazy<Task<IReadOnlyDictionary<string, long>>> _ids;

        public InsightsFactory() => _ids = new(SeedAsync);

        public Task<IReadOnlyDictionary<string, long>> IdsAsync() => _ids.Value;

        private static DateTime At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

        private static readonly DateOnly PurchaseDate = new(2027, 6, 30);

        private static DealDetails Deal(string name, decimal amount, string currency) =>
            new(name, Money.FromAmount(amount, currency), PurchaseDate, null, null, null);

        private static Lead New(int orgId, LeadType type, DateTime received, string company, bool contactRequested = false) =>
            Lead.Receive(orgId, type,
                new CustomerProfile(company, "Casey Contact", "casey@example.com", null, "Taiwan", "Taipei", null, null),
                "Need", type == LeadType.CustomerInquiry
                    ? new LeadSender(SenderKind.Customer, "Casey Contact", "casey@example.com")
                    : new LeadSender(SenderKind.PlatformStaff, "Staff", "staff@example.com"),
                contactRequested, received, TimeSpan.FromDays(14));

        private static Lead Accepted(Lead lead, long afterSeconds, DealDetails deal)
        {
            lead.Accept(deal, [], "Tester", lead.ReceivedAtUtc.AddSeconds(afterSeconds));
            return lead;
        }

        private static Lead Declined(Lead lead, long afterSeconds, DeclineReason reason)
        {
            lead.Decline(reason, null, "Tester", lead.ReceivedAtUtc.AddSeconds(afterSeconds));
            return lead;
        }

        private static Lead Expired(Lead lead)
        {
            lead.Expire(lead.ResponseDeadlineUtc);
            return lead;
        }

        private async Task<IReadOnlyDictionary<string, long>> SeedAsync()
        {
            using var scope = Services.CreateScope();
            var setup = scope.ServiceProvider.GetRequiredService<OrganizationSetup>();
            var org = await setup.EnsureOrganizationAsync("Insights Co");
            Assert.True((await setup.CreateUserAsync(org, Email, "Ivy Insights", Password, Roles.ReferralsAdmin)).Succeeded);
            var rival = await setup.EnsureOrganizationAsync("Rival Co");
            Assert.True((await setup.CreateUserAsync(rival, RivalEmail, "Rex Rival", Password, Roles.PartnerAdmin)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<LeadPortalDbContext>();
            var o = org.Id;
            var ci = LeadType.CustomerInquiry;
            var mq = LeadType.MarketingQualified;
            var sq = LeadType.SalesQualified;

            var a = Accepted(New(o, ci, At(11, 2, 10), "Lead A"), 1_800, Deal("Deal A", 1_000m, "USD"));
            a.MarkWon(null, null, "Tester", At(11, 5, 12));
            var d = Accepted(New(o, sq, At(11, 5, 0), "Lead D"), 86_400, Deal("Deal D", 4_000m, "USD"));
            d.MarkLost(null, "Tester", At(11, 10, 0));
            var i = Accepted(New(o, sq, At(11, 3, 0), "Lead I"), 864_000, Deal("Deal I", 4_000m, "EUR"));
            i.MarkWon(Money.FromAmount(5_000m, "EUR"), null, "Tester", At(11, 14, 0));
            var q = Accepted(New(o, sq, At(11, 16, 10), "Lead Q"), 10_800, Deal("Deal Q", 2_000m, "USD"));
            q.MarkWon(Money.FromAmount(2_200m, "USD"), null, "Tester", At(11, 18, 0));

            var leads = new Dictionary<string, Lead>
            {
                ["A"] = a,
                ["B"] = Declined(New(o, ci, At(11, 3, 8), "Lead B"), 7_200, DeclineReason.BudgetTooSmall),
                ["C"] = Accepted(New(o, mq, At(11, 4, 12), "Lead C"), 18_000, Deal("Deal C", 2_500.50m, "USD")),
                ["D"] = d,
                ["E"] = Expired(New(o, sq, At(11, 2, 8), "Lead E")),
                ["F"] = Declined(New(o, sq, At(11, 9, 9), "Lead F"), 108_000, DeclineReason.BudgetTooSmall),
                ["G"] = Accepted(New(o, ci, At(11, 10, 15), "Lead G"), 172_800, Deal("Deal G", 300_000m, "JPY")),
                ["H"] = Declined(New(o, mq, At(11, 11, 0), "Lead H"), 360_000, DeclineReason.NotAFit),
                ["I"] = i,
                ["J"] = New(o, ci, At(11, 6, 12), "Lead J"),
                ["K"] = New(o, mq, At(11, 7, 0), "Lead K"),
                ["L"] = New(o, sq, At(11, 8, 12), "Lead L"),
                ["M"] = New(o, ci, At(11, 19, 12), "Lead M", contactRequested: true),
                ["N"] = New(o, ci, At(11, 17, 8), "Lead N", contactRequested: true),
                ["O"] = Accepted(New(o, ci, At(11, 20, 8), "Lead O", contactRequested: true), 900, Deal("Deal O", 750m, "USD")),
                ["P"] = New(o, mq, At(11, 18, 0), "Lead P", contactRequested: true),
                ["Q"] = q,
                ["R"] = Expired(New(o, ci, At(10, 25, 10), "Lead R")),
                ["S"] = Expired(New(o, sq, At(10, 21, 23), "Lead S")),
            };

            // Rival Co: the same days, and leads that would land in every figure and list if scoping failed.
            var r = rival.Id;
            var rivalWon = Accepted(New(r, sq, At(11, 10, 9), "Rival Won"), 60, Deal("Rival deal", 9_999m, "USD"));
            rivalWon.MarkWon(null, null, "Rex", At(11, 11, 0));
            var rivalLeads = new[]
            {
                rivalWon,
                Declined(New(r, ci, At(11, 12, 9), "Rival Declined"), 120, DeclineReason.Duplicate),
                Accepted(New(r, mq, At(11, 13, 9), "Rival Open"), 30, Deal("Rival open", 8_888m, "GBP")),
                New(r, ci, At(11, 20, 7), "Rival Urgent", contactRequested: true),
                New(r, ci, At(11, 6, 10), "Rival Expiring"),
                Expired(New(r, sq, At(11, 2, 9), "Rival Expired")),
            };

            foreach (var lead in leads.Values.Concat(rivalLeads))
            {
                lead.ClearEvents();
            }

            db.Leads.AddRange(leads.Values);
            db.Leads.AddRange(rivalLeads);
            await db.SaveChangesAsync();

            // The urgency job's mark, as the job sets it.
            var p = leads["P"].Id;
            await db.Leads.Where(l => l.Id == p).ExecuteUpdateAsync(s => s.SetProperty(l => l.ContactUrgencyLapsed, true));
            return leads.ToDictionary(kv => kv.Key, kv => kv.Value.Id);
        }
    }

    private async Task<PortalClient> SignInAsync(string email = Email)
    {
        await _factory.IdsAsync();
        var client = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email, Password)).StatusCode);
        return client;
    }

    private async Task<JsonElement> DataAsync(string query, string email = Email)
    {
        using var client = await SignInAsync(email);
        var response = await client.GetAsync("/insights/data?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<IHtmlDocument> PageAsync(string query, string email = Email)
    {
        using var client = await SignInAsync(email);
        return await client.GetPageAsync("/insights?" + query);
    }

    private static string Text(IHtmlDocument page, string selector) =>
        (page.QuerySelector(selector) ?? throw new InvalidOperationException($"Nothing matches {selector}.")).TextContent.Trim();

    private static int Int(IHtmlDocument page, string selector) => int.Parse(Text(page, selector), CultureInfo.InvariantCulture);

    private static Dictionary<string, int> ByType(JsonElement counts) =>
        counts.EnumerateArray().ToDictionary(t => t.GetProperty("type").GetString()!, t => t.GetProperty("count").GetInt32());

    private static void AssertRatio(JsonElement ratio, int count, int of)
    {
        Assert.Equal(count, ratio.GetProperty("count").GetInt32());
        Assert.Equal(of, ratio.GetProperty("of").GetInt32());
        Assert.Equal((double)count / of, ratio.GetProperty("rate").GetDouble(), 10);
    }

    // ---- Counts per type and week ----

    [Fact]
    public async Task Json_CountsLeadsPerTypeAndMondayWeek()
    {
        var data = await DataAsync(MainPeriod);

        Assert.Equal(17, data.GetProperty("received").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["CustomerInquiry"] = 7, ["MarketingQualified"] = 4, ["SalesQualified"] = 6 },
            ByType(data.GetProperty("receivedByType")));
        var weeks = data.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(["2026-11-02", "2026-11-09", "2026-11-16"], weeks.Select(w => w.GetProperty("weekStart").GetString()));
        Assert.Equal("2026-11-20", weeks[2].GetProperty("to").GetString());
        Assert.Equal(new Dictionary<string, int> { ["CustomerInquiry"] = 3, ["MarketingQualified"] = 2, ["SalesQualified"] = 4 }, ByType(weeks[0].GetProperty("byType")));
        Assert.Equal(new Dictionary<string, int> { ["CustomerInquiry"] = 1, ["MarketingQualified"] = 1, ["SalesQualified"] = 1 }, ByType(weeks[1].GetProperty("byType")));
        Assert.Equal(new Dictionary<string, int> { ["CustomerInquiry"] = 3, ["MarketingQualified"] = 1, ["SalesQualified"] = 1 }, ByType(weeks[2].GetProperty("byType")));
        Assert.Equal([9, 3, 5], weeks.Select(w => w.GetProperty("total").GetInt32()));
    }

    [Fact]
    public async Task Page_ShowsTheWeeklyCountsInTheTableAndAStackedBarPerWeek()
    {
        var page = await PageAsync(MainPeriod);

        Assert.Equal("3", Text(page, "[data-testid=weeks-table] tr[data-week='2026-11-02'] [data-type=CustomerInquiry]"));
        Assert.Equal("2", Text(page, "[data-testid=weeks-table] tr[data-week='2026-11-02'] [data-type=MarketingQualified]"));
        Assert.Equal("4", Text(page, "[data-testid=weeks-table] tr[data-week='2026-11-02'] [data-type=SalesQualified]"));
        Assert.Equal("3", Text(page, "[data-testid=weeks-table] tr[data-week='2026-11-09'] [data-type=total]"));
        Assert.Equal("5", Text(page, "[data-testid=weeks-table] tr[data-week='2026-11-16'] [data-type=total]"));
        Assert.Equal("17", Text(page, "[data-testid=weeks-table] tr[data-week=total] [data-type=total]"));
        Assert.Equal("17", Text(page, "[data-testid=kpi-received] .ins-kpi-value"));

        // 3 weeks: 3 + 3 + 3 type segments with leads, each titled for a tooltip; the chart is one labelled image.
        var chart = page.QuerySelector("svg[data-testid=chart-weeks]")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal("chart-weeks-title chart-weeks-desc", chart.GetAttribute("aria-labelledby"));
        var segments = chart.QuerySelectorAll("rect");
        Assert.Equal(9, segments.Length);
        Assert.Contains(segments, s => s.TextContent.Contains("Sales qualified: 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Last30Days_StartsAtMidnight29DaysAgo_AndClipsTheFirstWeek()
    {
        var data = await DataAsync("period=30");

        // 22 Oct – 20 Nov: R (25 Oct) comes in; S (21 Oct 23:00) stays out.
        var period = data.GetProperty("period");
        Assert.Equal("2026-10-22", period.GetProperty("from").GetString());
        Assert.Equal("2026-11-20", period.GetProperty("to").GetString());
        Assert.Equal(30, period.GetProperty("days").GetInt32());
        Assert.Equal(18, data.GetProperty("received").GetInt32());
        AssertRatio(data.GetProperty("expired"), 2, 18);
        var weeks = data.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(5, weeks.Count);
        Assert.Equal("2026-10-19", weeks[0].GetProperty("weekStart").GetString());
        Assert.Equal("2026-10-22", weeks[0].GetProperty("from").GetString());
        Assert.Equal([1, 0, 9, 3, 5], weeks.Select(w => w.GetProperty("total").GetInt32()));
    }

    // ---- Response times ----

    [Fact]
    public async Task Median_OfAnEvenCount_IsTheMeanOfTheTwoMiddleValues_AndP90IsByNearestRank()
    {
        // Ten answers: 900, 1,800, 7,200, 10,800, 18,000 | 86,400, 108,000, 172,800, 360,000, 864,000 seconds.
        var data = await DataAsync(MainPeriod);
        var page = await PageAsync(MainPeriod);

        var times = data.GetProperty("responseTime");
        Assert.Equal(10, times.GetProperty("answered").GetInt32());
        Assert.Equal(52_200d, times.GetProperty("medianSeconds").GetDouble()); // (18,000 + 86,400) / 2
        Assert.Equal(360_000, times.GetProperty("percentile90Seconds").GetInt64()); // rank ⌈0.9 × 10⌉ = 9
        Assert.Equal("14 h 30 min", Text(page, "[data-testid=kpi-median] .ins-kpi-value"));
        Assert.Equal("52200", page.QuerySelector("[data-testid=kpi-median] .ins-kpi-value")!.GetAttribute("data-seconds"));
        Assert.Equal("4 d 4 h", Text(page, "[data-testid=kpi-p90] .ins-kpi-value"));
    }

    [Fact]
    public async Task Median_OfAnOddCount_IsTheMiddleValue_AndP90RoundsTheRankUp()
    {
        // 2–8 Nov: A 1,800, B 7,200, C 18,000, D 86,400, I 864,000 seconds.
        var data = await DataAsync("from=2026-11-02&to=2026-11-08");
        var page = await PageAsync("from=2026-11-02&to=2026-11-08");

        var times = data.GetProperty("responseTime");
        Assert.Equal(5, times.GetProperty("answered").GetInt32());
        Assert.Equal(18_000d, times.GetProperty("medianSeconds").GetDouble());
        Assert.Equal(864_000, times.GetProperty("percentile90Seconds").GetInt64()); // rank ⌈4.5⌉ = 5
        Assert.Equal("5 h", Text(page, "[data-testid=kpi-median] .ins-kpi-value"));
        Assert.Equal("10 d", Text(page, "[data-testid=kpi-p90] .ins-kpi-value"));
        Assert.Equal(9, data.GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task ResponseTimes_FallIntoBucketsThatIncludeTheirUpperLimit()
    {
        var data = await DataAsync(MainPeriod);
        var page = await PageAsync(MainPeriod);

        var buckets = data.GetProperty("responseTime").GetProperty("buckets").EnumerateArray()
            .ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("count").GetInt32());
        // D, answered after exactly 24 h, is in "4–24 h".
        Assert.Equal(new Dictionary<string, int>
        {
            ["upTo1h"] = 2,
            ["1hTo4h"] = 2,
            ["4hTo24h"] = 2,
            ["1dTo3d"] = 2,
            ["3dTo7d"] = 1,
            ["7dTo14d"] = 1,
            ["over14d"] = 0,
        }, buckets);
        Assert.Equal("2", Text(page, "[data-testid=response-table] tr[data-bucket='4hTo24h'] [data-value]"));
        Assert.Null(page.QuerySelector("[data-testid=response-table] tr[data-bucket=over14d]"));
        Assert.Equal(6, page.QuerySelectorAll("svg[data-testid=chart-response] rect").Length);
    }

    // ---- Shares and rates ----

    [Fact]
    public async Task Shares_AreOfAllLeadsReceived_And24HoursIncludesAnAnswerAfterExactly24Hours()
    {
        var data = await DataAsync(MainPeriod);
        var page = await PageAsync(MainPeriod);

        AssertRatio(data.GetProperty("answeredWithin24Hours"), 6, 17);
        AssertRatio(data.GetProperty("answeredWithin72Hours"), 8, 17);
        AssertRatio(data.GetProperty("expired"), 1, 17);
        Assert.Equal("35.3%", Text(page, "[data-testid=kpi-within24] .ins-kpi-value"));
        Assert.Equal("6 of 17 received", Text(page, "[data-testid=kpi-within24] .ins-kpi-sub"));
        Assert.Equal("47.1%", Text(page, "[data-testid=kpi-within72] .ins-kpi-value"));
        Assert.Equal("5.9%", Text(page, "[data-testid=kpi-expired] .ins-kpi-value"));
    }

    [Fact]
    public async Task AcceptanceRate_IsAcceptedOrLaterOverAnswered_AndWinRateIsWonOverClosed()
    {
        var data = await DataAsync(MainPeriod);
        var page = await PageAsync(MainPeriod);

        // Accepted or later: A C D G I O Q = 7; declined: B F H = 3. Won: A I Q; lost: D.
        AssertRatio(data.GetProperty("acceptance"), 7, 10);
        AssertRatio(data.GetProperty("win"), 3, 4);
        Assert.Equal("70%", Text(page, "[data-testid=kpi-acceptance] .ins-kpi-value"));
        Assert.Equal("7 of 10 answered", Text(page, "[data-testid=kpi-acceptance] .ins-kpi-sub"));
        Assert.Equal("75%", Text(page, "[data-testid=kpi-win] .ins-kpi-value"));
        var funnel = data.GetProperty("funnel");
        Assert.Equal(17, funnel.GetProperty("received").GetInt32());
        Assert.Equal(7, funnel.GetProperty("accepted").GetInt32());
        Assert.Equal(3, funnel.GetProperty("won").GetInt32());
        Assert.Equal("7", Text(page, "[data-testid=funnel-table] tr[data-stage=accepted] [data-value]"));
        Assert.Equal(3, page.QuerySelectorAll("svg[data-testid=chart-funnel] rect").Length);
        Assert.Contains("Acceptance rate", Text(page, "[data-testid=definitions]"), StringComparison.Ordinal);
    }

    // ---- Money, declines, losses ----

    [Fact]
    public async Task OpenPipelineAndWonValue_AreSummedPerCurrency()
    {
        var data = await DataAsync(MainPeriod);
        var page = await PageAsync(MainPeriod);

        // Open (Accepted now): C 2,500.50 + O 750.00 USD; G 300,000 JPY. Won: A 1,000.00 + Q 2,200.00 (final) USD; I 5,000.00 (final) EUR.
        var pipeline = data.GetProperty("openPipeline").EnumerateArray().ToDictionary(m => m.GetProperty("currency").GetString()!);
        Assert.Equal(["JPY", "USD"], pipeline.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(325_050, pipeline["USD"].GetProperty("amountMinor").GetInt64());
        Assert.Equal(3_250.50m, pipeline["USD"].GetProperty("amount").GetDecimal());
        Assert.Equal(2, pipeline["USD"].GetProperty("leads").GetInt32());
        Assert.Equal(300_000, pipeline["JPY"].GetProperty("amountMinor").GetInt64());
        var won = data.GetProperty("wonValue").EnumerateArray().ToDictionary(m => m.GetProperty("currency").GetString()!);
        Assert.Equal(["EUR", "USD"], won.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(320_000, won["USD"].GetProperty("amountMinor").GetInt64());
        Assert.Equal(500_000, won["EUR"].GetProperty("amountMinor").GetInt64());

        Assert.Equal("325050", page.QuerySelector("[data-testid=pipeline] tr[data-currency=USD] [data-value]")!.GetAttribute("data-minor"));
        Assert.Contains("3,250.50 USD", Text(page, "[data-testid=pipeline] tr[data-currency=USD] [data-value]"), StringComparison.Ordinal);
        Assert.Contains("300,000 JPY", Text(page, "[data-testid=pipeline] tr[data-currency=JPY] [data-value]"), StringComparison.Ordinal);
        Assert.Contains("5,000.00 EUR", Text(page, "[data-testid=won-value] tr[data-currency=EUR] [data-value]"), StringComparison.Ordinal);
        Assert.Contains("3,200.00 USD", Text(page, "[data-testid=won-value] tr[data-currency=USD] [data-value]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclineReasonsAndLostDeals_AreCounted()
    {
        var data = await DataAsync(MainPeriod);
        var page = await PageAsync(MainPeriod);

        var reasons = data.GetProperty("declineReasons").EnumerateArray()
            .Select(r => (r.GetProperty("reason").GetString(), r.GetProperty("count").GetInt32())).ToList();
        Assert.Equal([("BudgetTooSmall", 2), ("NotAFit", 1)], reasons);
        var status = data.GetProperty("status");
        Assert.Equal(1, status.GetProperty("lost").GetInt32());
        Assert.Equal(3, status.GetProperty("declined").GetInt32());
        Assert.Equal(6, status.GetProperty("open").GetInt32());
        Assert.Equal("2", Text(page, "[data-testid=declines] tr[data-reason=BudgetTooSmall] [data-value]"));
        Assert.Equal("1", Text(page, "[data-testid=declines] tr[data-reason=NotAFit] [data-value]"));
        Assert.Equal("1", Text(page, "[data-testid=lost-count]"));
        Assert.Equal("3", Text(page, "[data-testid=declined-count]"));
    }

    // ---- Attention lists ----

    [Fact]
    public async Task AboutToExpire_ListsReceivedLeadsWithLessThan48HoursLeft_SoonestFirst()
    {
        var ids = await _factory.IdsAsync();
        var page = await PageAsync(MainPeriod);
        var data = await DataAsync(MainPeriod);

        var items = page.QuerySelectorAll("[data-testid=about-to-expire] li[data-lead-id]");
        Assert.Equal([ids["J"], ids["K"]], items.Select(i => long.Parse(i.GetAttribute("data-lead-id")!, CultureInfo.InvariantCulture)));
        Assert.Equal($"/leads/{ids["J"]}", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("3 h 0 min left", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2", Text(page, "[data-testid=about-to-expire-count]"));
        var json = data.GetProperty("attention").GetProperty("aboutToExpire").EnumerateArray().ToList();
        Assert.Equal([ids["J"], ids["K"]], json.Select(l => l.GetProperty("id").GetInt64()));
        Assert.Equal($"/leads/{ids["K"]}", json[1].GetProperty("url").GetString());
    }

    [Fact]
    public async Task UrgentContactRequests_ListOnlyOpenRequestsUnder72HoursThatTheJobHasNotLapsed()
    {
        var ids = await _factory.IdsAsync();
        var page = await PageAsync(MainPeriod);

        var item = Assert.Single(page.QuerySelectorAll("[data-testid=urgent-contacts] li[data-lead-id]"));
        Assert.Equal(ids["M"].ToString(CultureInfo.InvariantCulture), item.GetAttribute("data-lead-id"));
        Assert.Equal($"/leads/{ids["M"]}", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("received 21 h ago", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", Text(page, "[data-testid=urgent-contacts-count]"));
    }

    [Fact]
    public async Task AttentionLists_DoNotDependOnThePeriod()
    {
        var ids = await _factory.IdsAsync();
        var page = await PageAsync("from=2025-01-01&to=2025-01-31");

        Assert.Equal(2, page.QuerySelectorAll("[data-testid=about-to-expire] li[data-lead-id]").Length);
        Assert.Equal(ids["M"].ToString(CultureInfo.InvariantCulture),
            page.QuerySelector("[data-testid=urgent-contacts] li[data-lead-id]")!.GetAttribute("data-lead-id"));
    }

    // ---- Empty period, periods refused ----

    [Fact]
    public async Task PeriodWithoutLeads_ShowsTheEmptyStateAndNoRates()
    {
        var page = await PageAsync("from=2025-01-01&to=2025-01-31");
        var data = await DataAsync("from=2025-01-01&to=2025-01-31");

        Assert.NotNull(page.QuerySelector("[data-testid=insights-empty]"));
        Assert.Null(page.QuerySelector("svg[data-testid=chart-weeks]"));
        Assert.Null(page.QuerySelector("[data-testid=period-error]"));
        Assert.Equal(0, data.GetProperty("received").GetInt32());
        Assert.True(data.GetProperty("isEmpty").GetBoolean());
        foreach (var ratio in new[] { "answeredWithin24Hours", "answeredWithin72Hours", "expired", "acceptance", "win" })
        {
            Assert.Equal(JsonValueKind.Null, data.GetProperty(ratio).GetProperty("rate").ValueKind);
        }

        Assert.Equal(JsonValueKind.Null, data.GetProperty("responseTime").GetProperty("medianSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("responseTime").GetProperty("percentile90Seconds").ValueKind);
        Assert.Empty(data.GetProperty("openPipeline").EnumerateArray());
        Assert.Equal(5, data.GetProperty("weeks").GetArrayLength());
        Assert.All(data.GetProperty("weeks").EnumerateArray(), w => Assert.Equal(0, w.GetProperty("total").GetInt32()));
    }

    [Fact]
    public async Task PeriodWithLeadsButNoAnswers_ShowsDashesRatherThanDividingByZero()
    {
        // 6–8 Nov: J, K, L, all still open.
        var page = await PageAsync("from=2026-11-06&to=2026-11-08");
        var data = await DataAsync("from=2026-11-06&to=2026-11-08");

        Assert.Equal(3, data.GetProperty("received").GetInt32());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("acceptance").GetProperty("rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, data.GetProperty("win").GetProperty("rate").ValueKind);
        Assert.Equal("—", Text(page, "[data-testid=kpi-acceptance] .ins-kpi-value"));
        Assert.Equal("—", Text(page, "[data-testid=kpi-median] .ins-kpi-value"));
        Assert.Equal("0%", Text(page, "[data-testid=kpi-within24] .ins-kpi-value"));
        Assert.NotNull(page.QuerySelector("[data-testid=response-empty]"));
    }

    [Theory]
    [InlineData("from=2026-11-20&to=2026-11-01", "The end date is before the start date.")]
    [InlineData("from=2024-01-01&to=2026-11-20", "at most 366 days")]
    [InlineData("from=2026-11-01", "Enter both dates")]
    [InlineData("from=yesterday&to=2026-11-20", "year-month-day")]
    public async Task RefusedCustomPeriod_SaysWhyAndShowsTheLast30Days(string query, string message)
    {
        var page = await PageAsync(query);

        Assert.Contains(message, Text(page, "[data-testid=period-error]"), StringComparison.Ordinal);
        Assert.Contains("22 Oct 2026", Text(page, "[data-testid=period-summary]"), StringComparison.Ordinal);
        Assert.Equal("18", Text(page, "[data-testid=kpi-received] .ins-kpi-value"));

        using var client = await SignInAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/insights/data?" + query)).StatusCode);
    }

    [Theory]
    [InlineData("", "2026-10-22")]
    [InlineData("period=90", "2026-08-23")]
    [InlineData("period=365", "2025-11-21")]
    [InlineData("period=7", "2026-10-22")]
    public async Task Presets_CountBackFromToday(string query, string from)
    {
        var data = await DataAsync(query);

        Assert.Equal(from, data.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2026-11-20", data.GetProperty("period").GetProperty("to").GetString());
    }

    // ---- Scoping and access ----

    [Fact]
    public async Task AnotherOrganizationsLeads_AreNeverCounted()
    {
        var ours = await DataAsync(MainPeriod);
        var theirs = await DataAsync(MainPeriod, RivalEmail);
        var theirPage = await PageAsync(MainPeriod, RivalEmail);

        Assert.Equal(17, ours.GetProperty("received").GetInt32());
        Assert.DoesNotContain(ours.GetProperty("openPipeline").EnumerateArray(), m => m.GetProperty("currency").GetString() == "GBP");
        Assert.DoesNotContain(ours.GetProperty("declineReasons").EnumerateArray(), r => r.GetProperty("reason").GetString() == "Duplicate");
        Assert.DoesNotContain("Rival", ours.GetProperty("attention").ToString(), StringComparison.Ordinal);

        // And the other way round: Rival Co sees its own six leads only.
        Assert.Equal(6, theirs.GetProperty("received").GetInt32());
        Assert.Equal(999_900, theirs.GetProperty("wonValue")[0].GetProperty("amountMinor").GetInt64());
        Assert.Equal(["Rival Expiring"], theirPage.QuerySelectorAll("[data-testid=about-to-expire] li a").Select(a => a.TextContent.Trim()));
        Assert.Equal(["Rival Urgent"], theirPage.QuerySelectorAll("[data-testid=urgent-contacts] li a").Select(a => a.TextContent.Trim()));
    }

    [Theory]
    [InlineData("/insights")]
    [InlineData("/insights/data")]
    public async Task AnonymousUsers_AreSentToSignIn(string url)
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_HasAnInsightsItemUnderReferrals()
    {
        var page = await PageAsync(string.Empty);

        var link = page.QuerySelector("[data-testid=nav-insights]")!;
        Assert.Equal("/insights", link.GetAttribute("href"));
        Assert.Contains("active", link.ClassName, StringComparison.Ordinal);
        Assert.Equal("Insights · LeadPortal", page.Title);
    }

    // ---- The queries themselves ----

    [Fact]
    public void EveryInsightsQuery_TranslatesOnSqlServerToo()
    {
        var options = new DbContextOptionsBuilder<SqlServerLeadPortalDbContext>()
            .UseSqlServer("Server=insights.invalid;Database=LeadPortal;Trusted_Connection=True;TrustServerCertificate=True").Options;
        using var db = new SqlServerLeadPortalDbContext(options);
        var period = new Features.Insights.InsightsPeriod(Features.Insights.InsightsPeriodKind.Custom, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20));
        var received = Features.Insights.InsightsReader.ReceivedIn(db.LeadsOf(1), period);
        var days = Features.Insights.InsightsReader.DaysIn(db.LeadDailyCounts, 1, period);
        var now = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

        var sql = new[]
        {
            Features.Insights.InsightsReader.MeasureCounts(days).ToQueryString(),
            Features.Insights.InsightsReader.DailyCounts(days).ToQueryString(),
            Features.Insights.InsightsReader.DealTotals(days).ToQueryString(),
            Features.Insights.InsightsReader.ResponseTimesFrom(received, 2, 4, 2).ToQueryString(),
            Features.Insights.InsightsReader.AboutToExpire(db.LeadsOf(1), now, TimeSpan.FromDays(2)).ToQueryString(),
            Features.Insights.InsightsReader.UrgentContactRequests(db.LeadsOf(1), now, TimeSpan.FromDays(3)).ToQueryString(),
        };

        Assert.All(sql, s => Assert.Contains("[OrganizationId]", s, StringComparison.Ordinal));
        Assert.All(sql[..3], s => Assert.Contains("FROM [LeadDailyCounts]", s, StringComparison.Ordinal));
        Assert.Contains("GROUP BY [l].[Day], [l].[Type]", sql[1], StringComparison.Ordinal);
        Assert.Contains("GROUP BY", sql[0], StringComparison.Ordinal);
        Assert.Contains("SUM(", sql[2], StringComparison.Ordinal);
        Assert.Contains("[l].[ResponseTimeSeconds] > @", sql[3], StringComparison.Ordinal);
        Assert.Contains("OFFSET", sql[3], StringComparison.Ordinal);
        Assert.Contains("OFFSET", sql[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(2, 0, 2, 2)]
    [InlineData(5, 2, 1, 5)]
    [InlineData(10, 4, 2, 9)]
    [InlineData(11, 5, 1, 10)]
    [InlineData(20, 9, 2, 18)]
    [InlineData(21, 10, 1, 19)]
    public void Positions_OfTheMedianAndTheNearestRankP90(int count, int medianSkip, int medianTake, int p90Rank)
    {
        Assert.Equal((medianSkip, medianTake), Features.Insights.InsightsReader.MedianPositions(count));
        Assert.Equal(p90Rank, Features.Insights.InsightsReader.Percentile90Rank(count));
    }
}
