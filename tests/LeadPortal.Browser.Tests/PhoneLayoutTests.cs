using System.Text.RegularExpressions;

using LeadPortal.Browser.Tests.Support;
using LeadPortal.Core.Leads;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace LeadPortal.Browser.Tests;

/// <summary>The portal on a phone (390×844): tabs, the navigation drawer and the lead actions stay usable.</summary>
[Collection(SharedPortal.Name)]
public sealed class PhoneLayoutTests(PortalFixture fixture)
{
    private const int Width = 390;

    [Fact]
    public async Task On_a_phone_the_tabs_navigation_and_accept_form_are_usable()
    {
        var id = await fixture.Host.AddLeadAsync("contoso", "Pocket Harbor Studio", LeadType.CustomerInquiry, contactRequested: true);
        await using var session = await fixture.OpenAsync("09-phone-accept-form", new ViewportSize { Width = Width, Height = 844 }, isMobile: true);
        var page = session.Page;
        await session.SignInAsync("referrals@contoso.test");
        await AssertNoSidewaysScrollAsync(page);

        // The three tabs are on screen and work.
        foreach (var tab in new[] { "tab-marketplace", "tab-qualified", "tab-favorites" })
        {
            await Expect(page.GetByTestId(tab)).ToBeInViewportAsync();
            await AssertWithinWidthAsync(page.GetByTestId(tab));
        }

        await page.GetByTestId("tab-qualified").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/qualified$"));
        await Expect(page.GetByTestId("tab-qualified")).ToHaveAttributeAsync("aria-current", "page");
        await session.CheckAccessibilityAsync();

        // The sidebar is a drawer behind the menu button.
        var sidebarLink = page.Locator("#sidebar").GetByRole(AriaRole.Link, new() { Name = "Leads" });
        await Expect(sidebarLink).Not.ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open navigation" }).ClickAsync();
        await Expect(page.Locator("#sidebar")).ToHaveClassAsync(new Regex(@"\bshow\b"));
        await Expect(sidebarLink).ToBeVisibleAsync();
        await session.CheckAccessibilityAsync();
        await sidebarLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/marketplace$"));
        await session.CheckAccessibilityAsync();

        // Open a lead and its Accept form: every field is on the phone's width.
        var row = page.Locator($"tr[data-lead-id='{id}']");
        await Expect(row.GetByTestId("flame")).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "Pocket Harbor Studio" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{id}$"));
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Received");
        await AssertNoSidewaysScrollAsync(page);
        await session.CheckAccessibilityAsync();

        var summary = page.GetByTestId("accept-panel").Locator("summary");
        await summary.ScrollIntoViewIfNeededAsync();
        await summary.ClickAsync();
        var form = page.Locator("#accept-form");
        foreach (var label in new[] { "Deal name", "Estimated value", "Currency", "Estimated purchase date", "Notes" })
        {
            var field = form.GetByLabel(label, new() { Exact = false }).First;
            await field.ScrollIntoViewIfNeededAsync();
            await Expect(field).ToBeVisibleAsync();
            await Expect(field).ToBeInViewportAsync();
            await Expect(field).ToBeEditableAsync();
            await AssertWithinWidthAsync(field);
        }

        var submit = form.GetByRole(AriaRole.Button, new() { Name = "Accept lead" });
        await submit.ScrollIntoViewIfNeededAsync();
        await Expect(submit).ToBeInViewportAsync();
        await AssertNoSidewaysScrollAsync(page);
        await form.GetByLabel("Deal name").FocusAsync();
        await session.CheckAccessibilityAsync();

        // The end state as the phone shows it: the actions card at the top of the screen, below the sticky header.
        await page.EvaluateAsync("() => window.scrollTo(0, document.querySelector('[data-testid=actions]').getBoundingClientRect().top + window.scrollY - 64)");
        await session.FinishAsync(fullPage: false);
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Width, $"{page.Url} scrolls sideways on a phone: {scrollWidth}px wide.");
    }

    private static async Task AssertWithinWidthAsync(ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"An element spans x {box.X}..{box.X + box.Width}, past the {Width}px screen.");
    }
}
