using System.Text.RegularExpressions;
using LeadPortal.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadPortal.Browser.Tests;

/// <summary>Scenario 7: a customer sends an inquiry on a public listing and the partner finds it among its new leads.</summary>
[Collection(SharedPortal.Name)]
public sealed class PublicInquiryTests(PortalFixture fixture)
{
    [Fact]
    public async Task Customer_inquiry_on_the_public_listing_appears_under_Marketplace_Received()
    {
        var company = $"Inquiry Browser Co {Guid.NewGuid():N}"[..28];
        await using var session = await fixture.OpenAsync("07-public-inquiry");
        var page = session.Page;

        await page.GotoAsync("/partners");
        await session.CheckAccessibilityAsync();
        await page.GetByLabel("Expertise or name").FillAsync("security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/partners\\?q=security"));
        await session.CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Contoso", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contoso", Exact = true })).ToBeVisibleAsync();
        await session.CheckAccessibilityAsync();

        await page.GetByLabel("Company", new() { Exact = true }).FillAsync(company);
        await page.GetByLabel("Your name").FillAsync("Cora Customer");
        await page.GetByLabel("Email").FillAsync("cora@customer.example");
        await page.GetByLabel("Country").FillAsync("Taiwan");
        await page.GetByLabel("What do you need?").FillAsync("We need help moving our file servers to the cloud.");
        await page.GetByLabel("I would like to be contacted directly").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to Contoso" }).ClickAsync();
        await Expect(page.GetByTestId("thanks")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/partners/contoso/thanks$"));
        await session.CheckAccessibilityAsync();

        await session.SignInAsync("referrals@contoso.test");
        await page.GotoAsync("/leads/marketplace?stage=received");
        var row = page.Locator("tr[data-lead-id]", new() { HasText = company });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("row-stage")).ToHaveTextAsync("Received");
        await Expect(row.GetByTestId("flame")).ToBeVisibleAsync();
        await session.CheckAccessibilityAsync();
        await session.FinishAsync();
    }
}
