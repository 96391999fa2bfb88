using System.Text.RegularExpressions;

using LeadPortal.Browser.Tests.Support;

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace LeadPortal.Browser.Tests;

/// <summary>A user sees only their own organization's leads, even when typing another's address.</summary>
[Collection(SharedPortal.Name)]
public sealed class OrganizationScopeTests(PortalFixture fixture)
{
    [Fact]
    public async Task Fabrikam_admin_typing_a_Contoso_lead_address_gets_not_found()
    {
        var contosoId = await fixture.Host.OrganizationIdAsync("contoso");
        var contosoLead = await fixture.Host.WithDbAsync(db => db.LeadsOf(contosoId).OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.Customer.ContactName, l.Customer.Email }).FirstAsync());
        await using var session = await fixture.OpenAsync("06-other-organization-not-found");
        var page = session.Page;
        await session.SignInAsync("admin@fabrikam.test");
        await Expect(page.GetByTestId("org-name")).ToHaveTextAsync("Fabrikam");

        var response = await page.GotoAsync($"/leads/{contosoLead.Id}");
        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        Assert.Matches(new Regex($"/leads/{contosoLead.Id}$"), page.Url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Expect(page.GetByText("It may have been removed, or it may belong to another organization.")).ToBeVisibleAsync();
        await Expect(page.GetByText(contosoLead.Email)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("stage")).ToHaveCountAsync(0);
        await session.CheckAccessibilityAsync();
        await session.FinishAsync();
    }
}
