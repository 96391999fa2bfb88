using System.Net;
using AngleSharp.Html.Dom;
using LeadPortal.Infrastructure.Notifications;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The business profile page: a PartnerAdmin creates, edits and publishes it; what cannot be published is refused with a
/// message and stores nothing; a ReferralsAdmin only reads it. Each test that writes a profile has an organization of its own.
/// </summary>
public sealed class ProfileTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public ProfileTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private static string Keyword() => "kw" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<IHtmlDocument> Refused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return await PortalClient.ParseAsync(response);
    }

    private async Task<IReadOnlyList<string>> ListedSlugsAsync(string query)
    {
        using var visitor = _factory.CreatePortalClient();
        var page = await visitor.GetPageAsync("/partners" + query);
        return [.. page.QuerySelectorAll("[data-testid=partner] h2 a").Select(a => a.GetAttribute("href")!["/partners/".Length..])];
    }

    private async Task<HttpStatusCode> ListingStatusAsync(string slug)
    {
        using var visitor = _factory.CreatePortalClient();
        return (await visitor.GetAsync($"/partners/{slug}")).StatusCode;
    }

    /// <summary>Saves a valid, unpublished profile for <paramref name="organization"/> and returns what was stored.</summary>
    private async Task<ProfileSnapshot> SaveUnpublishedAsync(PortalClient admin, TestOrganization organization, string keyword)
    {
        var saved = await admin.SaveProfileAsync(ProfileForms.Publishable(organization.Name, keyword, publish: false));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await _factory.ProfileSnapshotAsync(organization.Id);
        Assert.NotNull(stored);
        Assert.False(stored.IsPublished);
        return stored;
    }

    [Fact]
    public async Task NewOrganization_SeesAnUnpublishedProfileWithItsName_AndTheLeadListSaysItReceivesNoLeads()
    {
        var organization = await _factory.CreateOrganizationAsync("Fresh Profile");
        using var admin = await _factory.SignInAsync(organization.AdminEmail);

        var page = await admin.GetPageAsync(ProfileForms.Url);
        var leads = await admin.GetPageAsync("/leads/marketplace");

        Assert.NotNull(page.QuerySelector("[data-testid=not-published]"));
        Assert.Null(page.QuerySelector("[data-testid=published]"));
        Assert.Null(page.QuerySelector("[data-testid=read-only]"));
        Assert.Equal(organization.Name, LeadPage.InputValue(page, "CompanyName"));
        Assert.Equal(1, ProfileForms.LocationRows(page));
        var banner = LeadPage.Text(leads.QuerySelector("[data-testid=profile-banner]"));
        Assert.Contains("You are not receiving leads.", banner, StringComparison.Ordinal);
        Assert.NotNull(leads.QuerySelector("[data-testid=profile-banner] a[href='/profile']"));
        Assert.Equal(HttpStatusCode.NotFound, await ListingStatusAsync(organization.Slug));
        Assert.Null(await _factory.ProfileOfAsync(organization.Id));
    }

    [Fact]
    public async Task SavingWithoutPublishing_StoresTheProfile_ButTheOrganizationStaysUnlistedAndBannered()
    {
        var organization = await _factory.CreateOrganizationAsync("Draft Profile");
        var keyword = Keyword();
        using var admin = await _factory.SignInAsync(organization.AdminEmail);

        var response = await admin.SaveProfileAsync(ProfileForms.Publishable(organization.Name, keyword, publish: false));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.FollowAsync(response);
        Assert.Contains("It is not published", LeadPage.SuccessFlash(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=not-published]"));
        var profile = await _factory.ProfileOfAsync(organization.Id);
        Assert.NotNull(profile);
        Assert.False(profile.IsPublished);
        Assert.Null(profile.PublishedAtUtc);
        Assert.Equal(ProfileForms.Description, profile.Description);
        Assert.Equal([keyword, "cloud migration"], profile.KeywordList);
        Assert.Equal(["Retail", "Education"], profile.IndustryList);
        Assert.Equal(["10-49", "1000+"], profile.CompanySizeList);
        Assert.Equal(["Taiwan", "Japan"], profile.CountryList);
        var location = Assert.Single(profile.Locations);
        Assert.Equal(("Head office", "Ina Alert", "ina.alert@intake.example", "+886 2 2222 0000"),
            (location.Name, location.AlertName, location.AlertEmail, location.AlertPhone));
        Assert.Equal(HttpStatusCode.NotFound, await ListingStatusAsync(organization.Slug));
        Assert.Empty(await ListedSlugsAsync("?q=" + keyword));
        Assert.NotNull((await admin.GetPageAsync("/leads/qualified")).QuerySelector("[data-testid=profile-banner]"));
    }

    [Fact]
    public async Task Publishing_ListsThePartner_MakesItFindable_AndRemovesTheBanner()
    {
        var organization = await _factory.CreateOrganizationAsync("Published Profile");
        var keyword = Keyword();
        using var admin = await _factory.SignInAsync(organization.AdminEmail);

        var response = await admin.SaveProfileAsync(ProfileForms.Publishable(organization.Name, keyword));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.FollowAsync(response);
        Assert.Contains("published", LeadPage.SuccessFlash(page), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=published]"));
        Assert.NotNull(page.QuerySelector($"a[href='/partners/{organization.Slug}']"));
        var profile = await _factory.ProfileOfAsync(organization.Id);
        Assert.True(profile!.IsPublished);
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, profile.PublishedAtUtc);
        Assert.Equal([organization.Slug], await ListedSlugsAsync("?q=" + keyword));
        using var visitor = _factory.CreatePortalClient();
        var listing = await visitor.GetPageAsync($"/partners/{organization.Slug}");
        Assert.Equal(organization.Name, LeadPage.Text(listing.QuerySelector("h1")));
        Assert.Contains(ProfileForms.Description, listing.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Retail, Education", LeadPage.Text(listing.QuerySelector("[data-testid=industries]")));
        Assert.NotNull(listing.QuerySelector("#inquiry-form"));
        Assert.Null((await admin.GetPageAsync("/leads/marketplace")).QuerySelector("[data-testid=profile-banner]"));
    }

    [Fact]
    public async Task Editing_ReplacesKeywordsChoicesAndLocations_AndNewLeadsAlertTheRemainingContacts()
    {
        var organization = await _factory.CreateOrganizationAsync("Edited Profile");
        var keyword = Keyword();
        using var admin = await _factory.SignInAsync(organization.AdminEmail);
        var first = await admin.SaveProfileAsync(
            [.. ProfileForms.Publishable(organization.Name, keyword), .. ProfileForms.Location(1, "Branch", "Bo Branch", "bo.branch@intake.example", null)]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(2, (await _factory.ProfileOfAsync(organization.Id))!.Locations.Count);

        var page = await admin.GetPageAsync(ProfileForms.Url);
        Assert.Equal(2, ProfileForms.LocationRows(page));
        Assert.Equal($"{keyword}, cloud migration", LeadPage.InputValue(page, "Keywords"));
        Assert.Equal(["Education", "Retail"], IntakeForms.ValuesOf(page, ProfileForms.Form, "Industries"));
        var headOffice = LeadPage.InputValue(page, "Locations[0].Name") == "Head office" ? 0 : 1;
        Assert.Equal("Head office", LeadPage.InputValue(page, $"Locations[{headOffice}].Name"));
        var edited = await admin.SubmitWithAsync(page, ProfileForms.Form,
        [
            ("CompanyName", organization.Name + " Group"),
            ("Description", "Now only data projects."),
            ("Keywords", "data platform"),
            ("Industries", "Healthcare"),
            ("Countries", "Japan"),
            ($"Locations[{headOffice}].Remove", "true"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var profile = await _factory.ProfileOfAsync(organization.Id);
        Assert.True(profile!.IsPublished);
        Assert.Equal(organization.Name + " Group", profile.CompanyName);
        Assert.Equal("Now only data projects.", profile.Description);
        Assert.Equal(["data platform"], profile.KeywordList);
        Assert.Equal(["Healthcare"], profile.IndustryList);
        Assert.Equal(["Japan"], profile.CountryList);
        var location = Assert.Single(profile.Locations);
        Assert.Equal("bo.branch@intake.example", location.AlertEmail);
        Assert.Empty(await ListedSlugsAsync("?q=" + keyword));
        Assert.Equal([organization.Slug], await ListedSlugsAsync("?industry=Healthcare&country=Japan&q=data+platform"));

        using var customer = _factory.CreatePortalClient();
        var company = InquiryForms.UniqueCompany("Edited");
        Assert.Equal(HttpStatusCode.Redirect, (await customer.SendInquiryAsync(organization.Slug, InquiryForms.Valid(company))).StatusCode);
        var lead = Assert.Single(await _factory.LeadsOfCompanyAsync(company));
        var alerts = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeadId == lead.Id && m.Kind == NotificationKind.LeadReceived).Select(m => m.Recipient).ToListAsync());
        Assert.Equal(["bo.branch@intake.example"], alerts);
    }

    [Fact]
    public async Task SavedLocations_ComeBackInTheOrderTheyWereEntered()
    {
        var organization = await _factory.CreateOrganizationAsync("Ordered Locations");
        string[] names = ["Head office", "North branch", "South branch", "East branch", "West branch"];
        using var admin = await _factory.SignInAsync(organization.AdminEmail);
        var saved = await admin.SaveProfileAsync(
        [
            .. ProfileForms.Publishable(organization.Name, Keyword()).Where(f => !f.Name.StartsWith("Locations[", StringComparison.Ordinal)),
            .. names.SelectMany((name, i) => ProfileForms.Location(i, name, $"Alert {i}", $"alert{i}@intake.example", null)),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await admin.GetPageAsync(ProfileForms.Url);
        using var visitor = _factory.CreatePortalClient();
        var listing = await visitor.GetPageAsync($"/partners/{organization.Slug}");

        Assert.Equal(names, Enumerable.Range(0, names.Length).Select(i => LeadPage.InputValue(page, $"Locations[{i}].Name")));
        Assert.Equal(names.Select(n => $"{n} — Taipei, Taiwan"), listing.QuerySelectorAll("dd ul li").Select(LeadPage.Text));
    }

    [Fact]
    public async Task PublishingWithoutDescription_SaysWhyNextToTheDescription_AndStoresNothing()
    {
        var organization = await _factory.CreateOrganizationAsync("No Description");
        using var admin = await _factory.SignInAsync(organization.AdminEmail);
        var before = await SaveUnpublishedAsync(admin, organization, Keyword());

        var response = await admin.SaveProfileAsync(
            ProfileForms.Publishable(organization.Name + " Renamed", Keyword()).With(("Description", "  ")));

        var page = await Refused(response);
        Assert.Equal("Add a short description before publishing: it is what customers read first.", LeadPage.FieldMessage(page, "Description"));
        Assert.Equal(organization.Name + " Renamed", LeadPage.InputValue(page, "CompanyName"));
        Assert.NotNull(page.QuerySelector("[data-testid=not-published]"));
        Assert.Equal(before, await _factory.ProfileSnapshotAsync(organization.Id));
        Assert.Equal(HttpStatusCode.NotFound, await ListingStatusAsync(organization.Slug));
    }

    [Fact]
    public async Task PublishingANewProfileWithoutDescription_CreatesNoProfile()
    {
        var organization = await _factory.CreateOrganizationAsync("Nothing Yet");
        using var admin = await _factory.SignInAsync(organization.AdminEmail);

        var response = await admin.SaveProfileAsync(ProfileForms.Publishable(organization.Name, Keyword()).With(("Description", "")));

        var page = await Refused(response);
        Assert.Contains("description before publishing", LeadPage.FieldMessage(page, "Description"), StringComparison.Ordinal);
        Assert.Null(await _factory.ProfileOfAsync(organization.Id));
    }

    [Fact]
    public async Task PublishingWithoutALocation_SaysWhyAboveTheLocations_AndStoresNothing()
    {
        var organization = await _factory.CreateOrganizationAsync("No Location");
        using var admin = await _factory.SignInAsync(organization.AdminEmail);
        var before = await SaveUnpublishedAsync(admin, organization, Keyword());

        // The only location is marked for removal, so publishing would leave none.
        var response = await admin.SaveProfileAsync(ProfileForms.Publishable(organization.Name, Keyword()).With(("Locations[0].Remove", "true")));

        var page = await Refused(response);
        Assert.Equal("Add at least one location with a contact for new-lead alerts before publishing.", LeadPage.FieldMessage(page, "Locations"));
        Assert.Equal(before, await _factory.ProfileSnapshotAsync(organization.Id));
        Assert.Equal(HttpStatusCode.NotFound, await ListingStatusAsync(organization.Slug));
    }

    [Fact]
    public async Task ClearingTheDescriptionOfAPublishedProfile_IsRefused_AndItStaysPublishedAsItWas()
    {
        var organization = await _factory.CreateOrganizationAsync("Stays Published");
        var keyword = Keyword();
        using var admin = await _factory.SignInAsync(organization.AdminEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SaveProfileAsync(ProfileForms.Publishable(organization.Name, keyword))).StatusCode);
        var before = await _factory.ProfileSnapshotAsync(organization.Id);

        var response = await admin.SaveProfileAsync([("Description", ""), ("Keywords", "something else")]);

        var page = await Refused(response);
        Assert.Contains("description before publishing", LeadPage.FieldMessage(page, "Description"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=published]"));
        Assert.Equal(before, await _factory.ProfileSnapshotAsync(organization.Id));
        Assert.Equal([organization.Slug], await ListedSlugsAsync("?q=" + keyword));
    }

    [Theory]
    [InlineData("Website", "intake.example", "Enter a full web address starting with https:// or http://.")]
    [InlineData("Website", "ftp://files.intake.example/", "Enter a full web address starting with https:// or http://.")]
    [InlineData("Website", "javascript:alert(1)", "Enter a full web address starting with https:// or http://.")]
    [InlineData("LogoUrl", "logo.png", "Enter a full image address starting with https:// or http://.")]
    [InlineData("LogoUrl", "data:image/png;base64,AAAA", "Enter a full image address starting with https:// or http://.")]
    public async Task BadWebAddress_IsShownNextToItsField_AndStoresNothing(string field, string value, string message)
    {
        var organization = await _factory.CreateOrganizationAsync("Bad Url");
        using var admin = await _factory.SignInAsync(organization.AdminEmail);
        var before = await SaveUnpublishedAsync(admin, organization, Keyword());

        var response = await admin.SaveProfileAsync(ProfileForms.Publishable(organization.Name, Keyword()).With((field, value)));

        var page = await Refused(response);
        Assert.Equal(new Dictionary<string, string> { [field] = message }, LeadPage.FieldMessages(page));
        Assert.Equal(value, LeadPage.InputValue(page, field));
        Assert.Equal(before, await _factory.ProfileSnapshotAsync(organization.Id));
    }

    [Theory]
    [InlineData("Locations[0].AlertEmail", "ina.alert-at-intake.example", "Enter a valid email address, like name@example.com.")]
    [InlineData("Locations[0].AlertEmail", "", "Enter an email address.")]
    [InlineData("Locations[0].AlertPhone", "call me maybe", "Enter a phone number of digits, spaces and + ( ) - . only, like +886 2 1234 5678.")]
    [InlineData("Locations[1].AlertEmail", "bo@", "Enter a valid email address, like name@example.com.")]
    [InlineData("Locations[1].AlertPhone", "+886 2 ext. nine", "Enter a phone number of digits, spaces and + ( ) - . only, like +886 2 1234 5678.")]
    [InlineData("Locations[1].City", "", "Enter the city.")]
    public async Task BadAlertContactInALocation_IsShownNextToThatField_AndStoresNothing(string field, string value, string message)
    {
        var organization = await _factory.CreateOrganizationAsync("Bad Contact");
        using var admin = await _factory.SignInAsync(organization.AdminEmail);
        var before = await SaveUnpublishedAsync(admin, organization, Keyword());

        var response = await admin.SaveProfileAsync(
            ProfileForms.Publishable(organization.Name, Keyword())
                .Concat(ProfileForms.Location(1, "Branch", "Bo Branch", "bo.branch@intake.example", "+886 4 1111 2222"))
                .With((field, value)));

        var page = await Refused(response);
        Assert.Equal(new Dictionary<string, string> { [field] = message }, LeadPage.FieldMessages(page));
        Assert.Equal(2, ProfileForms.LocationRows(page));
        Assert.Equal(value, LeadPage.InputValue(page, field));
        Assert.Equal(before, await _factory.ProfileSnapshotAsync(organization.Id));
    }

    [Fact]
    public async Task AddLocation_ShowsOneMoreEmptyRowWithTheTypedValuesKept_AndSavesNothing()
    {
        var contoso = await _factory.OrganizationIdAsync("contoso");
        var before = await _factory.ProfileSnapshotAsync(contoso);
        using var admin = await _factory.SignInAsync("admin@contoso.test");
        var page = await admin.GetPageAsync(ProfileForms.Url);
        Assert.Equal(2, ProfileForms.LocationRows(page));

        var response = await admin.SubmitWithAsync(page, ProfileForms.Form, [("Description", "Typed but not saved."), ("addLocation", "1")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await PortalClient.ParseAsync(response);
        Assert.Equal(3, ProfileForms.LocationRows(shown));
        Assert.Equal("Typed but not saved.", LeadPage.InputValue(shown, "Description"));
        // The saved rows in whatever order the page shows them (see SavedLocations_ComeBackInTheOrderTheyWereEntered), then the new one.
        Assert.Equal(["Kaohsiung office", "Taipei office"], Enumerable.Range(0, 2).Select(i => LeadPage.InputValue(shown, $"Locations[{i}].Name")).Order(StringComparer.Ordinal));
        Assert.Equal(string.Empty, LeadPage.InputValue(shown, "Locations[2].Name"));
        Assert.Equal(string.Empty, LeadPage.InputValue(shown, "Locations[2].AlertEmail"));
        Assert.Empty(LeadPage.FieldMessages(shown));
        Assert.Equal(before, await _factory.ProfileSnapshotAsync(contoso));
    }

    [Fact]
    public async Task ReferralsAdmin_SeesTheProfileReadOnly()
    {
        using var referrals = await _factory.SignInAsync("referrals@contoso.test");

        var page = await referrals.GetPageAsync(ProfileForms.Url);

        Assert.Equal("Only a partner admin can change the business profile.", LeadPage.Text(page.QuerySelector("[data-testid=read-only]")));
        Assert.True(page.QuerySelector("#profile-form > fieldset")!.HasAttribute("disabled"));
        Assert.Empty(page.QuerySelectorAll("#profile-form button"));
        Assert.Null(page.QuerySelector("#profile-form input[name=Publish]"));
        Assert.Equal("Contoso", LeadPage.InputValue(page, "CompanyName"));
        Assert.Equal(["admin@contoso.test", "referrals@contoso.test"],
            Enumerable.Range(0, 2).Select(i => LeadPage.InputValue(page, $"Locations[{i}].AlertEmail")).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(IntakeForms.Fields(page, ProfileForms.Form), f => f.Key != "__RequestVerificationToken");
    }

    [Fact]
    public async Task ReferralsAdmin_CannotSaveTheProfile_AndNothingChanges()
    {
        var contoso = await _factory.OrganizationIdAsync("contoso");
        var before = await _factory.ProfileSnapshotAsync(contoso);
        using var referrals = await _factory.SignInAsync("referrals@contoso.test");
        var page = await referrals.GetPageAsync(ProfileForms.Url);
        var body = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__RequestVerificationToken"] = LeadPage.AntiforgeryToken(page),
            ["CompanyName"] = "Contoso Hijacked",
            ["Description"] = "Changed by a referrals admin.",
            ["Locations[0].Name"] = "Elsewhere",
            ["Locations[0].Address"] = "1 Other Road",
            ["Locations[0].City"] = "Tainan",
            ["Locations[0].Country"] = "Taiwan",
            ["Locations[0].AlertName"] = "Rex",
            ["Locations[0].AlertEmail"] = "rex@elsewhere.example",
        };

        var response = await referrals.PostFormAsync(ProfileForms.Url, body);

        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal)),
            $"Expected 403 or a redirect to /account/denied, got {(int)response.StatusCode} {response.Headers.Location}.");
        Assert.Equal(before, await _factory.ProfileSnapshotAsync(contoso));
    }

    [Fact]
    public async Task AnonymousVisitor_IsSentToSignIn()
    {
        using var visitor = _factory.CreatePortalClient();

        var response = await visitor.GetAsync(ProfileForms.Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
