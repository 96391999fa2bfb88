using System.Text.RegularExpressions;

using LeadPortal.Browser.Tests.Support;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Jobs;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace LeadPortal.Browser.Tests;

/// <summary>An unanswered lead expires after 14 days. This portal's clock moves, so it has a host of its own.</summary>
[Collection(MovingClockPortal.Name)]
public sealed class LeadExpiryTests(PortalFixture fixture)
{
    [Fact]
    public async Task Lead_left_unanswered_for_14_days_shows_as_expired_after_the_expiry_job_runs()
    {
        var host = fixture.Host;
        var id = await host.AddLeadAsync("contoso", "Silverline Textiles", LeadType.SalesQualified);
        await using var session = await fixture.OpenAsync("08-expired-after-14-days");
        var page = session.Page;
        await session.SignInAsync("referrals@contoso.test");

        // Today it is Received with 14 days to answer.
        await page.GotoAsync($"/leads/{id}");
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Received");
        await Expect(page.GetByText("(14 d 0 h left)")).ToBeVisibleAsync();
        await session.CheckAccessibilityAsync();

        // Nobody answers; 14 days and an hour later the expiry job runs.
        host.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromHours(1));
        var expired = await host.InScopeAsync<LeadExpiryJob, int>(job => job.RunAsync(CancellationToken.None));
        Assert.True(expired >= 1, $"The expiry job expired {expired} leads.");

        // The sign-in cookie lasts 14 days on the same clock, so the portal asks to sign in again, then shows the lead.
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/account/login\?ReturnUrl=%2Fleads%2F{id}$"));
        await session.SignInHereAsync("referrals@contoso.test", new Regex($"/leads/{id}$"));
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Archived · Expired");
        await Expect(page.GetByTestId("no-actions")).ToContainTextAsync("Archived as Expired");
        await Expect(page.GetByTestId("actions")).ToHaveCountAsync(0);
        var latest = page.GetByTestId("history").Locator("li").First;
        await Expect(latest).ToContainTextAsync("Expired by LeadPortal");
        await Expect(latest).ToContainTextAsync("12/4/2026 10:00 AM UTC"); // when the job ran, in the en-US date format
        await Expect(latest).ToContainTextAsync("No answer within the response window.");
        await session.CheckAccessibilityAsync();

        // In the list it is under Archived → Expired.
        await page.GetByRole(AriaRole.Link, new() { Name = "Qualified leads" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/qualified$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("stage-archived").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?stage=archived$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("outcome-expired").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?stage=archived&outcome=expired$"));
        await Expect(page.Locator($"tr[data-lead-id='{id}']").GetByTestId("row-stage")).ToHaveTextAsync("Archived · Expired");
        await session.CheckAccessibilityAsync();
        await session.FinishAsync();
    }
}
