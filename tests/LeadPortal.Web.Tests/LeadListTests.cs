using System.Net;
using AngleSharp.Html.Dom;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Features.Leads;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The lead lists over an organization of their own ("Paging Co") with 60 qualified and 6 marketplace leads whose
/// received times, values and names are known, including a run of leads received in the same second across a page boundary.
/// </summary>
public sealed class LeadListTests : IClassFixture<LeadListTests.PagingFactory>
{
    private const string Email = "lists@paging.test";
    private const string Password = "PagingCo!2026";
    private readonly PagingFactory _factory;

    public LeadListTests(PagingFactory factory) => _factory = factory;

    public sealed class PagingFactory : PortalFactory
    {
        private readonly Lazy<Task<IReadOnlyList<long>>> _qualifiedIds;

        public PagingFactory() => _qualifiedIds = new(SeedAsync);

        /// <summary>Qualified lead ids, newest received first (the default order).</summary>
        public Task<IReadOnlyList<long>> QualifiedIdsNewestFirstAsync() => _qualifiedIds.Value;

        private async Task<IReadOnlyList<long>> SeedAsync()
        {
            using var scope = Services.CreateScope();
            var setup = scope.ServiceProvider.GetRequiredService<OrganizationSetup>();
            var org = await setup.EnsureOrganizationAsync("Paging Co");
            var created = await setup.CreateUserAsync(org, Email, "List Tester", Password, Roles.ReferralsAdmin);
            Assert.True(created.Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<LeadPortal.Infrastructure.Data.LeadPortalDbContext>();
            var now = Clock.GetUtcNow().UtcDateTime;
            var tie = now.AddDays(-3);
            for (var i = 0; i < 60; i++)
            {
                // Leads 20..29 share one received time, so the first page boundary (25) falls inside the tie.
                var received = i is >= 20 and < 30 ? tie : now.AddHours(-i * 5);
                var type = i % 2 == 0 ? LeadType.SalesQualified : LeadType.MarketingQualified;
                var lead = Lead.Receive(org.Id, type,
                    new CustomerProfile($"Company {i:D2}", $"Contact {i:D2}", $"c{i}@example.com", null, "Taiwan", null, null, null),
                    "Need", new LeadSender(SenderKind.PlatformStaff, "Staff", "staff@example.com"), false, received, TimeSpan.FromDays(14));
                if (i % 10 == 3)
                {
                    lead.Accept(new DealDetails($"Deal {i:D2}", Money.FromAmount(1000m * (i + 1), "USD"), DateOnly.FromDateTime(now).AddDays(30), null, null, null), [], "t", now);
                }

                if (i == 13)
                {
                    lead.MarkWon(null, null, "t", now);
                }

                db.Leads.Add(lead);
            }

            for (var i = 0; i < 6; i++)
            {
                db.Leads.Add(Lead.Receive(org.Id, LeadType.CustomerInquiry,
                    new CustomerProfile(i == 0 ? "100% Organic_Farms" : $"Shop {i}", i == 1 ? "Tailspin Person" : $"Buyer {i}", $"b{i}@example.com", null, "Japan", null, null, null),
                    "Need", new LeadSender(SenderKind.Customer, "Buyer", $"b{i}@example.com"), false, now.AddHours(-i), TimeSpan.FromDays(14)));
            }

            await db.SaveChangesAsync();
            return await db.Leads.Where(l => l.OrganizationId == org.Id && l.Type != LeadType.CustomerInquiry)
                .OrderByDescending(l => l.ReceivedAtUtc).ThenByDescending(l => l.Id).Select(l => l.Id).ToListAsync();
        }
    }

    private async Task<PortalClient> SignInAsync()
    {
        await _factory.QualifiedIdsNewestFirstAsync();
        var client = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(Email, Password)).StatusCode);
        return client;
    }

    private static List<long> Ids(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("tr[data-lead-id]").Select(r => long.Parse(r.GetAttribute("data-lead-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    private static string? Href(IHtmlDocument page, string testId) => page.QuerySelector($"[data-testid={testId}]")?.GetAttribute("href");

    [Fact]
    public async Task Paging_WalksEveryLeadOnceInOrder_AcrossATieAtThePageBoundary()
    {
        var expected = await _factory.QualifiedIdsNewestFirstAsync();
        using var client = await SignInAsync();

        var first = await client.GetPageAsync("/leads/qualified");
        var second = await client.GetPageAsync(Href(first, "page-next")!);
        var third = await client.GetPageAsync(Href(second, "page-next")!);

        Assert.Equal(25, Ids(first).Count);
        Assert.Equal(25, Ids(second).Count);
        Assert.Equal(10, Ids(third).Count);
        Assert.Null(Href(third, "page-next"));
        Assert.Null(Href(first, "page-previous"));
        Assert.Equal(expected, [.. Ids(first), .. Ids(second), .. Ids(third)]);
    }

    [Fact]
    public async Task PreviousPage_ReturnsExactlyThePageBefore()
    {
        using var client = await SignInAsync();
        var first = await client.GetPageAsync("/leads/qualified");
        var second = await client.GetPageAsync(Href(first, "page-next")!);
        var third = await client.GetPageAsync(Href(second, "page-next")!);

        var backToSecond = await client.GetPageAsync(Href(third, "page-previous")!);
        var backToFirst = await client.GetPageAsync(Href(backToSecond, "page-previous")!);

        Assert.Equal(Ids(second), Ids(backToSecond));
        Assert.Equal(Ids(first), Ids(backToFirst));
        Assert.Null(Href(backToFirst, "page-previous"));
    }

    [Fact]
    public async Task PagingLinks_KeepTheFiltersAndSortInTheQueryString()
    {
        using var client = await SignInAsync();

        var page = await client.GetPageAsync("/leads/qualified?stage=received&sort=deadline&dir=asc&type=salesqualified");
        var next = Href(page, "page-next");

        Assert.NotNull(next);
        Assert.Contains("stage=received", next, StringComparison.Ordinal);
        Assert.Contains("sort=deadline", next, StringComparison.Ordinal);
        Assert.Contains("dir=asc", next, StringComparison.Ordinal);
        Assert.Contains("type=salesqualified", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SortByDeadlineAscending_PutsTheSoonestDeadlineFirst()
    {
        using var client = await SignInAsync();
        var deadlines = await _factory.WithDbAsync(db => db.Leads
            .Where(l => l.Customer.CompanyName.StartsWith("Company") && l.Stage == LeadStage.Received)
            .OrderBy(l => l.ResponseDeadlineUtc).ThenBy(l => l.Id).Select(l => l.Id).Take(25).ToListAsync());

        var page = await client.GetPageAsync("/leads/qualified?stage=received&sort=deadline&dir=asc");

        Assert.Equal(deadlines, Ids(page));
    }

    [Fact]
    public async Task SortByValueDescending_ListsTheLargestDealsFirstAndLeadsWithoutADealLast()
    {
        using var client = await SignInAsync();

        var page = await client.GetPageAsync("/leads/qualified?sort=value");

        var values = page.QuerySelectorAll("tr[data-lead-id]").Take(6)
            .Select(r => r.QuerySelector("[data-testid=deal-value]")?.TextContent.Trim()).ToList();
        Assert.Equal(["54,000.00 USD", "44,000.00 USD", "34,000.00 USD", "24,000.00 USD", "14,000.00 USD", "4,000.00 USD"], values);
        Assert.Null(page.QuerySelectorAll("tr[data-lead-id]")[6].QuerySelector("[data-testid=deal-value]"));
    }

    [Theory]
    [InlineData("company 07", 1)]
    [InlineData("Contact 1", 10)]
    [InlineData("Deal 33", 1)]
    [InlineData("no such thing", 0)]
    public async Task Search_MatchesCompanyContactAndDealName_IgnoringCase(string term, int expected)
    {
        using var client = await SignInAsync();

        var page = await client.GetPageAsync($"/leads/qualified?q={Uri.EscapeDataString(term)}");

        Assert.Equal(expected, Ids(page).Count);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=count-all]")!.TextContent.Trim());
        if (expected == 0)
        {
            Assert.NotNull(page.QuerySelector("[data-testid=empty]"));
        }
    }

    [Theory]
    [InlineData(LeadList.SearchReadOnce)]
    [InlineData(10)]
    public async Task Search_PagesAndCountsItsMatches_WhetherReadOnceOrCountedApart(int searchReadOnce)
    {
        // "company" is in all 60 qualified leads: more than a page, and more than ten (the second case counts in the
        // database, then reads the page through the search index, as a broad search does).
        var expected = await _factory.QualifiedIdsNewestFirstAsync();
        var (organizationId, userId) = await _factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == Email);
            return (user.OrganizationId!.Value, user.Id);
        });

        var (pages, accepted) = await _factory.WithScopedDbAsync(organizationId, async db =>
        {
            var list = new LeadList(db, trigrams: null, searchReadOnce);
            Task<LeadListPage> Load(Action<LeadListQuery> query) =>
                list.LoadAsync(organizationId, userId, LeadTab.Qualified, new LeadListQuery { Q = "COMPANY" }.With(query), CancellationToken.None);
            var first = await Load(_ => { });
            var second = await Load(q => q.After = first.NextCursor);
            var third = await Load(q => q.After = second.NextCursor);
            var backToSecond = await Load(q => q.Before = third.PreviousCursor);
            return (new[] { first, second, third, backToSecond }, await Load(q => q.Stage = LeadStage.Accepted));
        });

        Assert.Equal(expected, [.. pages[0].Rows.Select(r => r.Id), .. pages[1].Rows.Select(r => r.Id), .. pages[2].Rows.Select(r => r.Id)]);
        Assert.Null(pages[2].NextCursor);
        Assert.Equal(pages[1].Rows.Select(r => r.Id), pages[3].Rows.Select(r => r.Id));
        Assert.Equal(60, pages[0].Counts.Total);
        Assert.Equal(54, pages[0].Counts.ByStage[LeadStage.Received]);
        Assert.Equal(5, accepted.Counts.ByStage[LeadStage.Accepted]);
        Assert.Equal(60, accepted.Counts.Total);
        Assert.Equal(["Company 03", "Company 23", "Company 33", "Company 43", "Company 53"], accepted.Rows.Select(r => r.CompanyName).Order());
    }

    [Theory]
    [InlineData("%", 1)]
    [InlineData("_", 1)]
    [InlineData("tailspin", 1)]
    public async Task Search_TreatsWildcardsAsPlainText(string term, int expected)
    {
        using var client = await SignInAsync();

        var page = await client.GetPageAsync($"/leads/marketplace?q={Uri.EscapeDataString(term)}");

        Assert.Equal(expected, Ids(page).Count);
    }

    [Fact]
    public async Task TypeFilter_ShowsOnlyThatType()
    {
        using var client = await SignInAsync();

        var page = await client.GetPageAsync("/leads/qualified?type=salesqualified");

        var rows = page.QuerySelectorAll("tr[data-lead-id]");
        Assert.Equal(25, rows.Length);
        Assert.All(rows, r => Assert.Contains("Sales qualified", r.TextContent, StringComparison.Ordinal));
        Assert.Equal("30", page.QuerySelector("[data-testid=count-all]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Counts_ShowEveryStageAndEachOutcomeUnderArchived()
    {
        using var client = await SignInAsync();

        var page = await client.GetPageAsync("/leads/qualified?stage=archived");

        Assert.Equal("54", page.QuerySelector("[data-testid=count-received]")!.TextContent.Trim());
        Assert.Equal("5", page.QuerySelector("[data-testid=count-accepted]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("[data-testid=count-archived]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("[data-testid=count-won]")!.TextContent.Trim());
        Assert.Equal("0", page.QuerySelector("[data-testid=count-lost]")!.TextContent.Trim());
    }

    [Fact]
    public async Task OutcomeFilter_ShowsOnlyArchivedLeadsWithThatOutcome()
    {
        using var client = await SignInAsync();

        var won = await client.GetPageAsync("/leads/qualified?stage=archived&outcome=won");
        var lost = await client.GetPageAsync("/leads/qualified?stage=archived&outcome=lost");

        var row = Assert.Single(won.QuerySelectorAll("tr[data-lead-id]"));
        Assert.Equal("Archived · Won", row.QuerySelector("[data-testid=row-stage]")!.TextContent.Trim());
        Assert.Empty(lost.QuerySelectorAll("tr[data-lead-id]"));
        Assert.NotNull(lost.QuerySelector("[data-testid=empty]"));
    }

    [Fact]
    public async Task ReceivedRows_ShowTheTimeLeftAndHighlightItUnderTwoDays()
    {
        using var client = await SignInAsync();

        var page = await client.GetPageAsync("/leads/qualified?stage=received&sort=deadline&dir=asc");

        // The oldest Received lead was received 59 × 5 h ago: 336 h − 295 h = 41 h = 1 d 17 h left, under the 2-day warning.
        var first = page.QuerySelector("tr[data-lead-id] [data-testid=time-left]")!;
        Assert.Equal("1 d 17 h left", first.TextContent.Trim());
        Assert.Contains("text-danger", first.ClassName, StringComparison.Ordinal);
        var leftCells = page.QuerySelectorAll("tr[data-lead-id] [data-testid=time-left]");
        var last = leftCells[^1];
        Assert.DoesNotContain("text-danger", last.ClassName ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/leads/qualified?sort=bogus")]
    [InlineData("/leads/qualified?stage=nope&outcome=maybe&type=42")]
    [InlineData("/leads/qualified?after=garbage")]
    [InlineData("/leads/qualified?before=1_2_3")]
    [InlineData("/leads/qualified?after=-99999999999999999999_1")]
    public async Task MalformedQueryValues_AreIgnoredRatherThanFailing(string url)
    {
        using var client = await SignInAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ContactRequestBadge_ChangesAfterTheUrgentWindow()
    {
        var orgId = await _factory.WithDbAsync(db => db.Organizations.Where(o => o.Slug == "paging-co").Select(o => o.Id).SingleAsync());
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        await _factory.WithDbAsync(async db =>
        {
            foreach (var (name, age) in new[] { ("Fresh Flame Ltd", TimeSpan.FromHours(71)), ("Old Flame Ltd", TimeSpan.FromHours(73)) })
            {
                db.Leads.Add(Lead.Receive(orgId, LeadType.CustomerInquiry,
                    new CustomerProfile(name, "C", "c@example.com", null, "Taiwan", null, null, null), "Need",
                    new LeadSender(SenderKind.Customer, "C", "c@example.com"), true, now - age, TimeSpan.FromDays(14)));
            }

            await db.SaveChangesAsync();
        });
        using var client = await SignInAsync();

        var fresh = (await client.GetPageAsync("/leads/marketplace?q=Fresh+Flame")).QuerySelector("tr[data-lead-id]")!;
        var old = (await client.GetPageAsync("/leads/marketplace?q=Old+Flame")).QuerySelector("tr[data-lead-id]")!;

        Assert.NotNull(fresh.QuerySelector("[data-testid=flame]"));
        Assert.Null(fresh.QuerySelector("[data-testid=flame-late]"));
        Assert.NotNull(old.QuerySelector("[data-testid=flame-late]"));
        Assert.Null(old.QuerySelector("[data-testid=flame]"));
    }
}
