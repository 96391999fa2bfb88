using System.Text.RegularExpressions;

using LeadPortal.Browser.Tests.Support;
using LeadPortal.Core.Leads;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace LeadPortal.Browser.Tests;

/// <summary>Finding leads in the lists: favorites, search, sort, paging and the back button.</summary>
[Collection(SharedPortal.Name)]
public sealed class LeadListTests(PortalFixture fixture)
{
    private const string Marker = "() => window.leadPortalMarker";

    [Fact]
    public async Task Heart_toggles_in_place_and_the_lead_is_found_in_favorites_until_unhearted()
    {
        var id = await fixture.Host.AddLeadAsync("contoso", "Rosewood Bakery", LeadType.CustomerInquiry);
        await using var session = await fixture.OpenAsync("04-favorites");
        var page = session.Page;
        await session.SignInAsync("referrals@contoso.test");

        // Heart it in the Marketplace list: the page stays (the marker survives, no document loads).
        var heart = page.Locator($"tr[data-lead-id='{id}']").GetByTestId("favorite");
        await Expect(heart).ToHaveAttributeAsync("aria-pressed", "false");
        await page.EvaluateAsync("() => { window.leadPortalMarker = 'marketplace'; }");
        var navigations = session.Navigations;
        var response = await page.RunAndWaitForResponseAsync(() => heart.ClickAsync(), IsFavoritePost(id));
        Assert.Equal(200, response.Status);
        Assert.Contains("application/json", response.Headers["content-type"], StringComparison.Ordinal);
        await Expect(heart).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(heart).ToHaveAttributeAsync("aria-label", "Remove from favorites");
        await Expect(heart.Locator(".bi-heart-fill")).ToBeVisibleAsync();
        await Expect(heart.Locator(".bi-heart")).ToBeHiddenAsync();
        Assert.Equal("marketplace", await page.EvaluateAsync<string>(Marker));
        Assert.Equal(navigations, session.Navigations);
        Assert.EndsWith("/leads/marketplace", page.Url, StringComparison.Ordinal);
        await session.CheckAccessibilityAsync();

        // Favorites has it, hearted; un-heart it there, again in place.
        await page.GetByTestId("tab-favorites").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/favorites$"));
        var row = page.Locator($"tr[data-lead-id='{id}']");
        await Expect(row).ToContainTextAsync("Rosewood Bakery");
        heart = row.GetByTestId("favorite");
        await Expect(heart).ToHaveAttributeAsync("aria-pressed", "true");
        await session.CheckAccessibilityAsync();
        await page.EvaluateAsync("() => { window.leadPortalMarker = 'favorites'; }");
        navigations = session.Navigations;
        response = await page.RunAndWaitForResponseAsync(() => heart.ClickAsync(), IsFavoritePost(id));
        Assert.Equal(200, response.Status);
        await Expect(heart).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(heart).ToHaveAttributeAsync("aria-label", "Add to favorites");
        await Expect(heart.Locator(".bi-heart")).ToBeVisibleAsync();
        Assert.Equal("favorites", await page.EvaluateAsync<string>(Marker));
        Assert.Equal(navigations, session.Navigations);
        await session.CheckAccessibilityAsync();

        // Next time Favorites is opened, the lead is gone from it.
        await page.ReloadAsync();
        await Expect(page.Locator($"tr[data-lead-id='{id}']")).ToHaveCountAsync(0);
        await session.CheckAccessibilityAsync();
        await session.FinishAsync();
    }

    [Fact]
    public async Task Search_sort_and_paging_survive_the_back_button()
    {
        // 30 qualified leads of one name, received an hour apart: "Quarry Hill 30" is the oldest, so due first.
        for (var i = 1; i <= 30; i++)
        {
            await fixture.Host.AddLeadAsync("contoso", $"Quarry Hill {i:00}", LeadType.MarketingQualified,
                receivedAtUtc: fixture.Host.Clock.GetUtcNow().UtcDateTime.AddHours(-i));
        }

        await using var session = await fixture.OpenAsync("05-search-sort-page-back");
        var page = session.Page;
        await session.SignInAsync("admin@contoso.test");
        await page.GetByTestId("tab-qualified").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/qualified$"));
        await session.CheckAccessibilityAsync();

        // Search, sort by response deadline, oldest first.
        await page.GetByLabel("Search").FillAsync("Quarry Hill");
        await page.GetByLabel("Sort by").SelectOptionAsync("deadline");
        await page.GetByLabel("Order").SelectOptionAsync("asc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?q=Quarry\+Hill&.*sort=deadline"));
        Assert.Contains("dir=asc", page.Url, StringComparison.Ordinal);
        var rows = page.Locator("tbody tr[data-lead-id]");
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(rows.First).ToContainTextAsync("Quarry Hill 30");
        await Expect(rows.Last).ToContainTextAsync("Quarry Hill 06");
        await Expect(page.GetByTestId("page-previous")).ToHaveCountAsync(0);
        await session.CheckAccessibilityAsync();
        var firstPageUrl = page.Url;
        var firstPage = await RowIdsAsync(page);

        // Next page: the last five.
        await page.GetByTestId("page-next").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]after="));
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(rows.First).ToContainTextAsync("Quarry Hill 05");
        await Expect(rows.Last).ToContainTextAsync("Quarry Hill 01");
        await Expect(page.GetByTestId("page-next")).ToHaveCountAsync(0);
        await session.CheckAccessibilityAsync();
        var secondPageUrl = page.Url;
        var secondPage = await RowIdsAsync(page);

        // Open a lead, then Back: the same view, the same rows, the same filters in the form.
        await rows.Nth(2).GetByRole(AriaRole.Link, new() { Name = "Quarry Hill 03" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quarry Hill 03" })).ToBeVisibleAsync();
        await session.CheckAccessibilityAsync();
        await page.GoBackAsync();
        Assert.Equal(secondPageUrl, page.Url);
        await Expect(rows).ToHaveCountAsync(5);
        Assert.Equal(secondPage, await RowIdsAsync(page));
        await Expect(page.GetByLabel("Search")).ToHaveValueAsync("Quarry Hill");
        await Expect(page.GetByLabel("Sort by")).ToHaveValueAsync("deadline");
        await Expect(page.GetByLabel("Order")).ToHaveValueAsync("asc");
        await session.CheckAccessibilityAsync();

        // Previous leads back to the first page's rows; Back once more returns to the page we came from.
        await page.GetByTestId("page-previous").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]before="));
        await Expect(rows).ToHaveCountAsync(25);
        Assert.Equal(firstPage, await RowIdsAsync(page));
        await session.CheckAccessibilityAsync();
        await page.GoBackAsync();
        Assert.Equal(secondPageUrl, page.Url);
        Assert.Equal(secondPage, await RowIdsAsync(page));
        await session.CheckAccessibilityAsync();
        await page.GoBackAsync();
        Assert.Equal(firstPageUrl, page.Url);
        Assert.Equal(firstPage, await RowIdsAsync(page));
        await session.CheckAccessibilityAsync();
        await session.FinishAsync();
    }

    private static Func<IResponse, bool> IsFavoritePost(long id) =>
        r => r.Request.Method == "POST" && r.Url.EndsWith($"/leads/{id}/favorite", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<string>> RowIdsAsync(IPage page) =>
        await page.Locator("tbody tr[data-lead-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.leadId)");
}
