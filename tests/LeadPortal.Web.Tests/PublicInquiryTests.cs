using System.Net;
using AngleSharp.Html.Dom;
using LeadPortal.Core.Leads;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The public side over the seeded, published Contoso and Fabrikam profiles: the partner search, a partner's listing, and the
/// inquiry form that turns a customer's request into a Marketplace lead of that partner.
/// </summary>
public sealed class PublicInquiryTests : IClassFixture<ManyInquiriesPortal>
{
    private readonly ManyInquiriesPortal _factory;

    public PublicInquiryTests(ManyInquiriesPortal factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private static IReadOnlyList<string> ListedSlugs(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=partner] h2 a").Select(a => a.GetAttribute("href")!["/partners/".Length..])];

    /// <summary>The lead row of <paramref name="company"/> on the marketplace list of Received leads, as <paramref name="email"/> sees it.</summary>
    private async Task<AngleSharp.Dom.IElement?> MarketplaceRowAsync(string email, string company)
    {
        using var user = await _factory.SignInAsync(email);
        var page = await user.GetPageAsync($"/leads/marketplace?stage=received&q={Uri.EscapeDataString(company)}");
        return page.QuerySelector("tr[data-lead-id]");
    }

    [Theory]
    [InlineData("", "contoso fabrikam")]
    [InlineData("?q=security", "contoso")]
    [InlineData("?q=power+bi", "fabrikam")]
    [InlineData("?q=data", "fabrikam")]
    [InlineData("?q=Contoso", "contoso")]
    [InlineData("?q=blockchain", "")]
    [InlineData("?q=%25", "")]
    [InlineData("?q=_", "")]
    [InlineData("?industry=Financial+services", "contoso")]
    [InlineData("?industry=Retail", "contoso fabrikam")]
    [InlineData("?industry=Healthcare", "")]
    [InlineData("?country=Japan", "contoso")]
    [InlineData("?country=singapore", "fabrikam")]
    [InlineData("?country=Taiwan", "contoso fabrikam")]
    [InlineData("?size=10-49", "contoso")]
    [InlineData("?size=1000%2B", "fabrikam")]
    [InlineData("?size=250-999", "contoso fabrikam")]
    [InlineData("?industry=Retail&country=Japan&size=50-249", "contoso")]
    [InlineData("?q=cloud+migration&country=Singapore", "")]
    public async Task Search_FindsPublishedPartnersByKeywordIndustryCountryAndSize(string query, string expected)
    {
        using var visitor = _factory.CreatePortalClient();

        var page = await visitor.GetPageAsync("/partners" + query);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), ListedSlugs(page));
        Assert.Equal(expected.Length == 0, page.QuerySelector("[data-testid=empty]") is not null);
    }

    [Fact]
    public async Task Listing_ShowsTheProfileAndTheInquiryForm()
    {
        using var visitor = _factory.CreatePortalClient();

        var page = await visitor.GetPageAsync("/partners/contoso");

        Assert.Equal("Contoso", LeadPage.Text(page.QuerySelector("h1")));
        Assert.Equal("Manufacturing, Retail, Financial services", LeadPage.Text(page.QuerySelector("[data-testid=industries]")));
        Assert.Equal("10-49, 50-249, 250-999 employees", LeadPage.Text(page.QuerySelector("[data-testid=sizes]")));
        Assert.Equal("Taiwan, Japan", LeadPage.Text(page.QuerySelector("[data-testid=countries]")));
        Assert.Contains("Kaohsiung office — Kaohsiung, Taiwan", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/partners/contoso/contact", page.QuerySelector("#inquiry-form")!.GetAttribute("action"));
        Assert.DoesNotContain("admin@contoso.test", page.Body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/partners/nobody")]
    [InlineData("/partners/nobody/thanks")]
    public async Task UnknownPartner_Is404(string url)
    {
        using var visitor = _factory.CreatePortalClient();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Inquiry_CreatesAMarketplaceLeadInReceived_ForThatOrganization()
    {
        var company = InquiryForms.UniqueCompany("Received");
        using var customer = _factory.CreatePortalClient();
        var now = _factory.Clock.GetUtcNow().UtcDateTime;

        var response = await customer.SendInquiryAsync("fabrikam", InquiryForms.Valid(company, contactMe: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = Assert.Single(await _factory.LeadsOfCompanyAsync(company));
        Assert.Equal(await _factory.OrganizationIdAsync("fabrikam"), lead.OrganizationId);
        Assert.Equal(LeadType.CustomerInquiry, lead.Type);
        Assert.Equal(LeadStage.Received, lead.Stage);
        Assert.Null(lead.Outcome);
        Assert.True(lead.ContactRequested);
        Assert.Equal(now, lead.ReceivedAtUtc);
        Assert.Equal(now.AddDays(14), lead.ResponseDeadlineUtc);
        Assert.Equal("We want to move our shop systems to the cloud this year.", lead.Need);
        var c = lead.Customer;
        Assert.Equal(
            (company, "Carla Customer", "carla@customer.example", "+886 2 8888 1234", "Taiwan", "Taichung", "50-249", "Retail"),
            (c.CompanyName, c.ContactName, c.Email, c.Phone, c.Country, c.City, c.CompanySize, c.Industry));
        Assert.Equal((SenderKind.Customer, "Carla Customer", "carla@customer.example"), (lead.Sender.Kind, lead.Sender.Name, lead.Sender.Email));
    }

    [Fact]
    public async Task Inquiry_ShowsTheConfirmationPage()
    {
        var company = InquiryForms.UniqueCompany("Thanks");
        using var customer = _factory.CreatePortalClient();

        var response = await customer.SendInquiryAsync("contoso", InquiryForms.Valid(company));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/partners/contoso/thanks", response.Headers.Location!.OriginalString);
        var thanks = await customer.FollowAsync(response);
        Assert.Equal("Your request was sent to Contoso", LeadPage.Text(thanks.QuerySelector("[data-testid=thanks] h1")));
        Assert.Contains("14 days", LeadPage.Text(thanks.QuerySelector("[data-testid=thanks]")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inquiry_WithContactMe_IsOnTheOrganizationsReceivedMarketplaceListWithTheFlame()
    {
        var company = InquiryForms.UniqueCompany("Flame");
        using var customer = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await customer.SendInquiryAsync("contoso", InquiryForms.Valid(company, contactMe: true))).StatusCode);
        var id = Assert.Single(await _factory.LeadsOfCompanyAsync(company)).Id;

        var forAdmin = await MarketplaceRowAsync("admin@contoso.test", company);
        var forReferrals = await MarketplaceRowAsync("referrals@contoso.test", company);
        var forFabrikam = await MarketplaceRowAsync("admin@fabrikam.test", company);

        foreach (var row in new[] { forAdmin, forReferrals })
        {
            Assert.NotNull(row);
            Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetAttribute("data-lead-id"));
            Assert.Equal("Received", LeadPage.Text(row.QuerySelector("[data-testid=row-stage]")));
            Assert.NotNull(row.QuerySelector("[data-testid=flame]"));
        }

        Assert.Null(forFabrikam);
    }

    [Fact]
    public async Task Inquiry_WithoutContactMe_IsListedWithoutTheFlame()
    {
        var company = InquiryForms.UniqueCompany("No Flame");
        using var customer = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await customer.SendInquiryAsync("contoso", InquiryForms.Valid(company))).StatusCode);

        var row = await MarketplaceRowAsync("admin@contoso.test", company);

        Assert.NotNull(row);
        Assert.Null(row.QuerySelector("[data-testid=flame]"));
        Assert.Null(row.QuerySelector("[data-testid=flame-late]"));
    }

    [Fact]
    public async Task Inquiry_NotifiesEachLocationAlertContactOnce_ThroughTheOutbox()
    {
        var toContoso = InquiryForms.UniqueCompany("Alert Contoso");
        var toFabrikam = InquiryForms.UniqueCompany("Alert Fabrikam");
        using var customer = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await customer.SendInquiryAsync("contoso", InquiryForms.Valid(toContoso))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await customer.SendInquiryAsync("fabrikam", InquiryForms.Valid(toFabrikam))).StatusCode);
        var contosoLead = Assert.Single(await _factory.LeadsOfCompanyAsync(toContoso)).Id;
        var fabrikamLead = Assert.Single(await _factory.LeadsOfCompanyAsync(toFabrikam)).Id;

        var messages = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeadId == contosoLead || m.LeadId == fabrikamLead).OrderBy(m => m.Recipient).ToListAsync());

        Assert.All(messages, m => Assert.Equal(NotificationKind.LeadReceived, m.Kind));
        Assert.Equal(
            [(contosoLead, "admin@contoso.test", "Ava Admin"), (contosoLead, "referrals@contoso.test", "Ray Referrals")],
            messages.Where(m => m.LeadId == contosoLead).Select(m => (m.LeadId, m.Recipient, m.RecipientName)));
        Assert.Equal([(fabrikamLead, "admin@fabrikam.test", "Fay Fabrikam")], messages.Where(m => m.LeadId == fabrikamLead).Select(m => (m.LeadId, m.Recipient, m.RecipientName)));

        await _factory.DispatchOutboxAsync();

        var sent = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeadId == contosoLead).Select(m => m.SentAtUtc).ToListAsync());
        Assert.All(sent, s => Assert.NotNull(s));
        var mails = Directory.GetFiles(_factory.MailDirectory, "*.eml").Select(File.ReadAllText).Where(t => t.Contains(toContoso, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m.Contains("admin@contoso.test", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Contains("referrals@contoso.test", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Email", "carla-at-customer.example", "Enter a valid email address, like name@example.com.")]
    [InlineData("Email", "", "Enter an email address.")]
    [InlineData("CompanyName", "", "Enter the company name.")]
    [InlineData("ContactName", "", "Enter your name.")]
    [InlineData("Country", "", "Enter the country.")]
    [InlineData("Phone", "call me maybe", "Enter a phone number of digits, spaces and + ( ) - . only, like +886 2 1234 5678.")]
    [InlineData("Need", "", "Tell the partner what you need.")]
    [InlineData("Need", "Help!", "Describe your need in at least 10 characters.")]
    public async Task Inquiry_WithABadField_ShowsTheMessageNextToIt_KeepsTheInput_AndStoresNothing(string field, string value, string message)
    {
        var company = InquiryForms.UniqueCompany("Invalid");
        using var customer = _factory.CreatePortalClient();
        var leadsBefore = await _factory.WithDbAsync(db => db.Leads.CountAsync());

        var response = await customer.SendInquiryAsync("contoso", InquiryForms.Valid(company, contactMe: true).With((field, value)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(new Dictionary<string, string> { [field] = message }, LeadPage.FieldMessages(page));
        Assert.Equal(value, LeadPage.InputValue(page, field));
        if (field != "CompanyName")
        {
            Assert.Equal(company, LeadPage.InputValue(page, "CompanyName"));
        }

        Assert.True(((IHtmlInputElement)page.QuerySelector("#ContactMe")!).IsChecked);
        Assert.Null(page.QuerySelector("[data-testid=refusal]"));
        Assert.Equal(leadsBefore, await _factory.WithDbAsync(db => db.Leads.CountAsync()));
    }

    [Fact]
    public async Task Inquiry_WithTheHoneypotFilled_IsRejectedWithTheReason_AndStoresNothing()
    {
        var company = InquiryForms.UniqueCompany("Bot");
        using var bot = _factory.CreatePortalClient();
        var outboxBefore = await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync());

        var response = await bot.SendInquiryAsync("contoso", InquiryForms.Valid(company).With(("Fax", "+1 555 0100")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("it filled in a field that people leave empty, so it looks automated",
            LeadPage.Text(page.QuerySelector("[data-testid=refusal]")), StringComparison.Ordinal);
        Assert.Empty(await _factory.LeadsOfCompanyAsync(company));
        Assert.Equal(outboxBefore, await _factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task Inquiry_ToAnUnknownPartner_Is404_AndStoresNothing()
    {
        var company = InquiryForms.UniqueCompany("Nobody");
        using var customer = _factory.CreatePortalClient();
        var page = await customer.GetPageAsync("/partners/contoso");
        var body = IntakeForms.Fields(page, InquiryForms.Form).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var (name, value) in InquiryForms.Valid(company))
        {
            if (value is not null)
            {
                body[name] = value;
            }
        }

        var response = await customer.PostFormAsync("/partners/nobody/contact", body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await _factory.LeadsOfCompanyAsync(company));
    }
}
