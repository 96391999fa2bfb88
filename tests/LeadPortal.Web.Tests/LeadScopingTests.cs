using System.Net;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

public sealed class LeadScopingTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public LeadScopingTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private Task<int> OrgIdAsync(string slug) =>
        _factory.WithDbAsync(db => db.Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());

    private Task<long> AnyLeadIdAsync(string slug) =>
        _factory.WithDbAsync(async db =>
        {
            var orgId = await db.Organizations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync();
            return await db.LeadsOf(orgId).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        });

    [Fact]
    public async Task Marketplace_ShowsOnlyTheOrganizationsCustomerInquiries()
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var page = await client.GetPageAsync("/leads/marketplace");

        var rows = page.QuerySelectorAll("tr[data-lead-id]");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("Customer inquiry", r.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Fabrikam lead", page.Body!.TextContent, StringComparison.Ordinal);

        var orgId = await OrgIdAsync("contoso");
        var expected = await _factory.WithDbAsync(db => db.LeadsOf(orgId).CountAsync(l => l.Type == LeadType.CustomerInquiry && l.Stage == LeadStage.Received));
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=count-received]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Qualified_ShowsMarketingAndSalesQualifiedLeadsOnly()
    {
        using var client = await _factory.SignInAsync("referrals@contoso.test");

        var page = await client.GetPageAsync("/leads/qualified");

        var rows = page.QuerySelectorAll("tr[data-lead-id]");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Matches("Marketing qualified|Sales qualified", r.TextContent));
        Assert.DoesNotContain("Fabrikam lead", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("received", "Received")]
    [InlineData("accepted", "Accepted")]
    [InlineData("archived", "Archived")]
    public async Task StageFilter_ShowsOnlyLeadsInThatStage(string stage, string shown)
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var page = await client.GetPageAsync($"/leads/qualified?stage={stage}");

        var rows = page.QuerySelectorAll("tr[data-lead-id]");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith(shown, r.QuerySelector("[data-testid=row-stage]")!.TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task LeadPage_OfOwnOrganization_ShowsTheLead()
    {
        var id = await AnyLeadIdAsync("contoso");
        var company = await _factory.WithDbAsync(db => db.Leads.Where(l => l.Id == id).Select(l => l.Customer.CompanyName).SingleAsync());
        using var client = await _factory.SignInAsync("referrals@contoso.test");

        var page = await client.GetPageAsync($"/leads/{id}");

        Assert.Equal(company, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=history] li"));
    }

    [Fact]
    public async Task LeadPage_OfAnotherOrganization_IsNotFound()
    {
        var fabrikamLead = await AnyLeadIdAsync("fabrikam");
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.GetAsync($"/leads/{fabrikamLead}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Fabrikam lead", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/leads/99999999")]
    [InlineData("/leads/abc")]
    [InlineData("/leads/-1")]
    public async Task LeadPage_ForAMissingOrMalformedId_IsNotFound(string url)
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LeadPage_EncodesTextTheCustomerTyped()
    {
        var orgId = await OrgIdAsync("contoso");
        var id = await _factory.WithDbAsync(async db =>
        {
            var lead = Lead.Receive(orgId, LeadType.CustomerInquiry,
                new CustomerProfile("<script>alert('x')</script> Corp", "Eve", "eve@example.com", null, "Taiwan", null, null, null),
                "<img src=x onerror=alert(1)>", new LeadSender(SenderKind.Customer, "Eve", "eve@example.com"), false,
                _factory.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(14));
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            return lead.Id;
        });
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var html = await (await client.GetAsync($"/leads/{id}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }
}
