using System.Text.RegularExpressions;

using LeadPortal.Browser.Tests.Support;
using LeadPortal.Core.Leads;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace LeadPortal.Browser.Tests;

/// <summary>A partner admin answers leads and works them to the end: accept, decline, edit, team, won.</summary>
[Collection(SharedPortal.Name)]
public sealed class LeadTriageTests(PortalFixture fixture)
{
    [Fact]
    public async Task Referrals_admin_accepts_an_urgent_marketplace_lead_after_correcting_an_invalid_value()
    {
        var id = await fixture.Host.AddLeadAsync("contoso", "Ember Street Foods", LeadType.CustomerInquiry, contactRequested: true);
        await using var session = await fixture.OpenAsync("01-accept-urgent-lead");
        var page = session.Page;
        await session.SignInAsync("referrals@contoso.test");

        // Marketplace, filtered to Received: the lead carries the flame.
        await page.GetByTestId("stage-received").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/marketplace\?stage=received$"));
        await session.CheckAccessibilityAsync();
        var row = page.Locator($"tr[data-lead-id='{id}']");
        await Expect(row.GetByTestId("row-stage")).ToHaveTextAsync("Received");
        await Expect(row.GetByTestId("flame")).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "Ember Street Foods" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{id}$"));
        await Expect(page.GetByTestId("contact-alert-urgent")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Received");
        await session.CheckAccessibilityAsync();

        // Accept with a value of 0 first: the form comes back with the message next to the field and the input kept.
        await page.GetByTestId("accept-panel").Locator("summary").ClickAsync();
        var form = page.Locator("#accept-form");
        await Expect(form).ToBeVisibleAsync();
        await form.GetByLabel("Deal name").FillAsync("Ember cloud migration");
        await form.GetByLabel("Estimated value").FillAsync("0");
        await form.GetByLabel("Currency").SelectOptionAsync("USD");
        await form.GetByLabel("Estimated purchase date").FillAsync("2027-02-15");
        await session.CheckAccessibilityAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Accept lead" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{id}/accept$"));
        await Expect(form.Locator("[data-valmsg-for='Accept.EstimatedValue']")).ToHaveTextAsync("The estimated value must be more than zero.");
        await Expect(form).ToBeVisibleAsync();
        await Expect(form.GetByLabel("Deal name")).ToHaveValueAsync("Ember cloud migration");
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Received");
        await session.CheckAccessibilityAsync();
        await session.ScreenshotAsync("01-accept-validation-message");

        // Then valid values.
        await form.GetByLabel("Estimated value").FillAsync("125000");
        await form.GetByLabel("Estimated purchase date").FillAsync("2027-02-15");
        await form.GetByLabel("Notes").FillAsync("Three offices, about 200 staff.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Accept lead" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{id}$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lead accepted");
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Accepted");
        await Expect(page.GetByTestId("deal")).ToContainTextAsync("Ember cloud migration");
        await Expect(page.GetByTestId("deal")).ToContainTextAsync("125,000.00 USD");
        await Expect(page.GetByTestId("history").Locator("li").First).ToContainTextAsync("Accepted by Ray Referrals");
        await Expect(page.GetByTestId("contact-alert-urgent")).ToBeVisibleAsync();
        await session.CheckAccessibilityAsync();

        // Under Accepted in the Marketplace list.
        await page.GetByRole(AriaRole.Link, new() { Name = "Marketplace leads" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/marketplace$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("stage-accepted").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/marketplace\?stage=accepted$"));
        await Expect(row.GetByTestId("row-stage")).ToHaveTextAsync("Accepted");
        await Expect(row.GetByTestId("deal-value")).ToHaveTextAsync("125,000.00 USD");
        await session.CheckAccessibilityAsync();
        await session.FinishAsync();
    }

    [Fact]
    public async Task Partner_admin_declines_a_received_qualified_lead_with_a_reason()
    {
        var id = await fixture.Host.AddLeadAsync("contoso", "Harbor Lane Logistics", LeadType.SalesQualified);
        await using var session = await fixture.OpenAsync("02-decline-qualified-lead");
        var page = session.Page;
        await session.SignInAsync("admin@contoso.test");

        await page.GetByTestId("tab-qualified").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/qualified$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("stage-received").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?stage=received$"));
        await session.CheckAccessibilityAsync();
        var row = page.Locator($"tr[data-lead-id='{id}']");
        await row.GetByRole(AriaRole.Link, new() { Name = "Harbor Lane Logistics" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{id}$"));
        await session.CheckAccessibilityAsync();

        await page.GetByTestId("decline-panel").Locator("summary").ClickAsync();
        var form = page.Locator("#decline-form");
        await Expect(form).ToBeVisibleAsync();
        await form.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "Budget too small" });
        await form.GetByLabel("Notes").FillAsync("They need it for under 2,000 USD.");
        await session.CheckAccessibilityAsync();
        var confirm = session.AcceptNextDialog();
        await form.Locator("button[type=submit]").ClickAsync();
        Assert.StartsWith("confirm: Decline this lead?", await confirm, StringComparison.Ordinal);

        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Archived · Declined");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lead declined and archived.");
        await Expect(page.GetByTestId("no-actions")).ToContainTextAsync("Archived as Declined");
        await Expect(page.GetByTestId("actions")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("accept-panel")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("decline-panel")).ToHaveCountAsync(0);
        await Expect(page.Locator("main summary")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Budget too small — They need it for under 2,000 USD.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("history").Locator("li").First).ToContainTextAsync("Declined by Ava Admin");
        await session.CheckAccessibilityAsync();

        // Archived → Declined in the Qualified list.
        await page.GetByRole(AriaRole.Link, new() { Name = "Qualified leads" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/qualified$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("stage-archived").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?stage=archived$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("outcome-declined").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?stage=archived&outcome=declined$"));
        await Expect(row.GetByTestId("row-stage")).ToHaveTextAsync("Archived · Declined");
        await session.CheckAccessibilityAsync();
        await session.FinishAsync();
    }

    [Fact]
    public async Task Referrals_admin_edits_an_accepted_deal_adds_a_team_member_and_marks_it_won()
    {
        var id = await fixture.Host.AddLeadAsync("contoso", "Granite Peak Engineering", LeadType.SalesQualified, then: ScenarioLeads.AcceptWithSampleDeal);
        await using var session = await fixture.OpenAsync("03-edit-team-won");
        var page = session.Page;
        await session.SignInAsync("referrals@contoso.test");

        await page.GetByTestId("tab-qualified").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/qualified$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("stage-accepted").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?stage=accepted$"));
        await session.CheckAccessibilityAsync();
        await page.Locator($"tr[data-lead-id='{id}']").GetByRole(AriaRole.Link, new() { Name = "Granite Peak Engineering" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{id}$"));
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Accepted");
        await session.CheckAccessibilityAsync();

        // Edit the deal.
        await page.GetByTestId("edit-panel").Locator("summary").ClickAsync();
        var edit = page.Locator("#edit-form");
        await Expect(edit.GetByLabel("Deal name")).ToHaveValueAsync("Cloud migration");
        await edit.GetByLabel("Deal name").FillAsync("Granite data platform");
        await edit.GetByLabel("Estimated value").FillAsync("48000");
        await edit.GetByLabel("CRM ID").FillAsync("CRM-7781");
        await session.CheckAccessibilityAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save deal" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deal saved.");
        await Expect(page.GetByTestId("deal")).ToContainTextAsync("Granite data platform");
        await Expect(page.GetByTestId("deal")).ToContainTextAsync("48,000.00 USD");
        await Expect(page.GetByTestId("deal")).ToContainTextAsync("CRM-7781");
        await session.CheckAccessibilityAsync();

        // Add a team member.
        await page.GetByTestId("team-panel").Locator("summary").ClickAsync();
        var team = page.Locator("#team-form");
        await team.GetByLabel("Name").FillAsync("Lin Engineer");
        await team.GetByLabel("Phone").FillAsync("+886 2 5555 0199");
        await team.GetByLabel("Email").FillAsync("lin.engineer@contoso.example");
        await session.CheckAccessibilityAsync();
        await team.GetByRole(AriaRole.Button, new() { Name = "Add to team" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Team member added.");
        await Expect(page.GetByTestId("team")).ToContainTextAsync("Lin Engineer");
        await Expect(page.GetByTestId("team")).ToContainTextAsync("lin.engineer@contoso.example");
        await session.CheckAccessibilityAsync();

        // Mark it won, confirming the dialog.
        await page.GetByTestId("won-panel").Locator("summary").ClickAsync();
        var won = page.Locator("#won-form");
        await won.GetByLabel("Final value").FillAsync("50000");
        await won.GetByLabel("Notes").FillAsync("Signed for three years.");
        await session.CheckAccessibilityAsync();
        var confirm = session.AcceptNextDialog();
        await won.GetByRole(AriaRole.Button, new() { Name = "Confirm won" }).ClickAsync();
        Assert.StartsWith("confirm: Mark this deal as won?", await confirm, StringComparison.Ordinal);
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("Archived · Won");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deal marked as won");
        await Expect(page.GetByTestId("no-actions")).ToContainTextAsync("Archived as Won");
        await Expect(page.GetByTestId("actions")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("deal")).ToContainTextAsync("50,000.00 USD");
        await Expect(page.GetByTestId("history").Locator("li").First).ToContainTextAsync("Marked as won by Ray Referrals");
        await session.CheckAccessibilityAsync();
        await session.ScreenshotAsync("03-won-lead-details");

        // Archived → Won in the Qualified list.
        await page.GetByRole(AriaRole.Link, new() { Name = "Qualified leads" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/qualified$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("stage-archived").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?stage=archived$"));
        await session.CheckAccessibilityAsync();
        await page.GetByTestId("outcome-won").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/leads/qualified\?stage=archived&outcome=won$"));
        var row = page.Locator($"tr[data-lead-id='{id}']");
        await Expect(row.GetByTestId("row-stage")).ToHaveTextAsync("Archived · Won");
        await Expect(row.GetByTestId("deal-value")).ToHaveTextAsync("50,000.00 USD");
        await session.CheckAccessibilityAsync();
        await session.FinishAsync();
    }
}
