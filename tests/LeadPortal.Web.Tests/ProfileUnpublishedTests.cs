using System.Net;
using AngleSharp.Html.Dom;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>
/// No leads without a published profile: Fabrikam's admin unpublishes its profile through the page (once, for the class);
/// then its listing is gone, a customer's inquiry and a sender's API call are refused, and its lead lists show the banner.
/// </summary>
public sealed class ProfileUnpublishedTests : IClassFixture<ProfileUnpublishedTests.UnpublishedFabrikamPortal>
{
    private readonly UnpublishedFabrikamPortal _factory;

    public ProfileUnpublishedTests(UnpublishedFabrikamPortal factory) => _factory = factory;

    /// <summary>What the class shares: a visitor who opened Fabrikam's listing before it was unpublished, and the admin's page after saving.</summary>
    public sealed record Unpublished(PortalClient Visitor, IHtmlDocument ListingBefore, HttpResponseMessage SaveResponse, IHtmlDocument ProfileAfter);

    public sealed class UnpublishedFabrikamPortal : PortalFactory
    {
        private readonly Lazy<Task<Unpublished>> _state;
        private PortalClient? _visitor;

        public UnpublishedFabrikamPortal() => _state = new(UnpublishAsync);

        public Task<Unpublished> StateAsync() => _state.Value;

        private async Task<Unpublished> UnpublishAsync()
        {
            await SeededAsync();
            _visitor = CreatePortalClient();
            var listing = await _visitor.GetPageAsync("/partners/fabrikam");
            using var admin = await SignInAsync("admin@fabrikam.test");
            var page = await admin.GetPageAsync(ProfileForms.Url);
            var saved = await admin.SubmitWithAsync(page, ProfileForms.Form, [("Publish", null)]);
            var after = saved.StatusCode == HttpStatusCode.Redirect ? await admin.FollowAsync(saved) : await PortalClient.ParseAsync(saved);
            return new Unpublished(_visitor, listing, saved, after);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _visitor?.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task Unpublishing_ThroughThePage_KeepsTheProfileButMarksItNotPublished()
    {
        var state = await _factory.StateAsync();

        Assert.Equal(HttpStatusCode.Redirect, state.SaveResponse.StatusCode);
        Assert.Contains("It is not published, so you receive no leads yet.", LeadPage.SuccessFlash(state.ProfileAfter), StringComparison.Ordinal);
        Assert.NotNull(state.ProfileAfter.QuerySelector("[data-testid=not-published]"));
        var profile = await _factory.ProfileOfAsync(await _factory.OrganizationIdAsync("fabrikam"));
        Assert.False(profile!.IsPublished);
        Assert.StartsWith("Data and analytics partner", profile.Description, StringComparison.Ordinal);
        Assert.Equal("admin@fabrikam.test", Assert.Single(profile.Locations).AlertEmail);
    }

    [Theory]
    [InlineData("/partners/fabrikam")]
    [InlineData("/partners/fabrikam/thanks")]
    public async Task Unpublished_PublicPages_Are404(string url)
    {
        await _factory.StateAsync();
        using var visitor = _factory.CreatePortalClient();

        var response = await visitor.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=Power+BI")]
    [InlineData("?q=Fabrikam")]
    [InlineData("?industry=Retail")]
    [InlineData("?country=Singapore")]
    [InlineData("?size=1000%2B")]
    public async Task Unpublished_IsNeverListedInTheSearch(string query)
    {
        await _factory.StateAsync();
        using var visitor = _factory.CreatePortalClient();

        var page = await visitor.GetPageAsync("/partners" + query);

        var listed = page.QuerySelectorAll("[data-testid=partner] h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.DoesNotContain("/partners/fabrikam", listed);
        Assert.DoesNotContain("Fabrikam", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublished_StillListsTheOtherPublishedPartner()
    {
        await _factory.StateAsync();
        using var visitor = _factory.CreatePortalClient();

        var page = await visitor.GetPageAsync("/partners?industry=Retail");

        Assert.Equal(["/partners/contoso"], page.QuerySelectorAll("[data-testid=partner] h2 a").Select(a => a.GetAttribute("href")).ToList());
    }

    [Fact]
    public async Task Unpublished_AnInquiryFromAListingOpenedBefore_Is404_AndStoresNothing()
    {
        var state = await _factory.StateAsync();
        var company = InquiryForms.UniqueCompany("Too Late");

        var response = await state.Visitor.SubmitWithAsync(state.ListingBefore, InquiryForms.Form, InquiryForms.Valid(company, contactMe: true));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await _factory.LeadsOfCompanyAsync(company));
    }

    [Fact]
    public async Task Unpublished_TheApiRefusesALeadForIt_With400OnTargetOrganization_AndStoresNothing()
    {
        await _factory.StateAsync();
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);
        var company = ReferralsApi.UniqueCompany("Unpublished Target");

        var response = await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("fabrikam", company));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        var errors = problem["errors"]!.AsObject();
        var field = Assert.Single(errors);
        Assert.Equal("targetorganization", field.Key.ToLowerInvariant());
        Assert.Equal("This organization does not receive leads: it has no published business profile.", field.Value![0]!.GetValue<string>());
        Assert.Empty(await _factory.LeadsOfCompanyAsync(company));
    }

    [Theory]
    [InlineData("/leads/marketplace")]
    [InlineData("/leads/qualified")]
    [InlineData("/leads/favorites")]
    public async Task Unpublished_TheLeadListsShowTheBanner_ToItsUsersOnly(string url)
    {
        await _factory.StateAsync();
        using var fabrikam = await _factory.SignInAsync("admin@fabrikam.test");
        using var contoso = await _factory.SignInAsync("admin@contoso.test");

        var fabrikamPage = await fabrikam.GetPageAsync(url);
        var contosoPage = await contoso.GetPageAsync(url);

        Assert.Contains("You are not receiving leads.", LeadPage.Text(fabrikamPage.QuerySelector("[data-testid=profile-banner]")), StringComparison.Ordinal);
        Assert.Null(contosoPage.QuerySelector("[data-testid=profile-banner]"));
    }
}
