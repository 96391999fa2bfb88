using System.Globalization;
using System.Net;

using AngleSharp.Html.Dom;

using LeadPortal.Core.Leads;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>
/// A form the validators or the aggregate refuse: 422, the page again with the message next to the field at fault and the
/// user's input kept, and the lead in the database exactly as before.
/// </summary>
public sealed class LeadActionsValidationTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public LeadActionsValidationTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private string InDays(int days) => _factory.Today().AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A complete, valid accept form; each test breaks one field of it.</summary>
    private Dictionary<string, string> ValidAccept(params (string Field, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Accept.DealName"] = "Valid deal",
            ["Accept.EstimatedValue"] = "2500",
            ["Accept.Currency"] = "USD",
            ["Accept.EstimatedPurchaseDate"] = InDays(20),
        };
        foreach (var (field, value) in overrides)
        {
            values[field] = value;
        }

        return values;
    }

    /// <summary>
    /// Posts <paramref name="formSelector"/> of a new lead in <paramref name="state"/> with <paramref name="values"/>, and checks the
    /// 422 page shows <paramref name="message"/> next to <paramref name="field"/> only, and that the lead did not change.
    /// </summary>
    private async Task<IHtmlDocument> AssertRefusedAsync(LeadState state, string formSelector, Dictionary<string, string> values, string field, string message)
    {
        var id = await _factory.CreateLeadAsync(state);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, formSelector, values);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await PortalClient.ParseAsync(response);
        Assert.Equal(message, LeadPage.FieldMessage(shown, field));
        var messages = LeadPage.FieldMessages(shown);
        Assert.Equal([field], messages.Keys);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        Assert.Equal(LeadPage.StageBadge(page), LeadPage.StageBadge(shown));
        Assert.NotNull(shown.QuerySelector(formSelector)!.Closest("details")!.GetAttribute("open"));
        Assert.Equal(LeadPage.History(page), LeadPage.History(shown));
        return shown;
    }

    [Fact]
    public async Task Accept_WithoutADealName_ShowsMessageNextToTheDealNameAndChangesNothing()
    {
        var shown = await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.DealName", "   ")),
            "Accept.DealName", "Enter the deal name.");

        Assert.Equal("2500", LeadPage.InputValue(shown, "Accept.EstimatedValue"));
    }

    [Fact]
    public async Task Accept_WithAZeroValue_ShowsMessageNextToTheValueAndChangesNothing()
    {
        var shown = await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.EstimatedValue", "0")),
            "Accept.EstimatedValue", "The estimated value must be more than zero.");

        Assert.Equal("Valid deal", LeadPage.InputValue(shown, "Accept.DealName"));
    }

    [Fact]
    public async Task Accept_WithANegativeValue_ShowsMessageNextToTheValueAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.EstimatedValue", "-250")),
            "Accept.EstimatedValue", "The estimated value must be more than zero.");
    }

    [Fact]
    public async Task Accept_WithAValueThatIsNotANumber_ShowsMessageNextToTheValueAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.EstimatedValue", "abc")),
            "Accept.EstimatedValue", "'abc' is not a valid value here.");
    }

    [Fact]
    public async Task Accept_WithAnUnknownCurrency_ShowsMessageNextToTheCurrencyAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.Currency", "XYZ")),
            "Accept.Currency", "Choose an ISO 4217 currency, like USD or TWD.");
    }

    [Fact]
    public async Task Accept_WithAPurchaseDateInThePast_ShowsMessageNextToTheDateAndChangesNothing()
    {
        var shown = await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.EstimatedPurchaseDate", InDays(-1))),
            "Accept.EstimatedPurchaseDate", "The estimated purchase date cannot be in the past.");

        Assert.Equal(InDays(-1), LeadPage.InputValue(shown, "Accept.EstimatedPurchaseDate"));
    }

    [Fact]
    public async Task Accept_WithoutAPurchaseDate_ShowsMessageNextToTheDateAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.EstimatedPurchaseDate", "")),
            "Accept.EstimatedPurchaseDate", "Enter the estimated purchase date.");
    }

    [Fact]
    public async Task Accept_WithAMalformedContactEmail_ShowsMessageNextToThatEmailAndChangesNothing()
    {
        var shown = await AssertRefusedAsync(LeadState.Received, "form#accept-form",
            ValidAccept(("Accept.Contacts[1].Name", "Pat Partner"), ("Accept.Contacts[1].Email", "pat.partner.example")),
            "Accept.Contacts[1].Email", "Enter a valid email address, like name@example.com.");

        Assert.Equal("Pat Partner", LeadPage.InputValue(shown, "Accept.Contacts[1].Name"));
        Assert.Equal("pat.partner.example", LeadPage.InputValue(shown, "Accept.Contacts[1].Email"));
    }

    [Fact]
    public async Task Accept_WithAMalformedContactPhone_ShowsMessageNextToThatPhoneAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form",
            ValidAccept(("Accept.Contacts[0].Name", "Pat Partner"), ("Accept.Contacts[0].Phone", "call me"), ("Accept.Contacts[0].Email", "pat@partner.example")),
            "Accept.Contacts[0].Phone", "Enter a phone number of digits, spaces and + ( ) - . only, like +886 2 1234 5678.");
    }

    [Fact]
    public async Task Accept_WithAContactEmailButNoName_ShowsMessageNextToThatNameAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form",
            ValidAccept(("Accept.Contacts[2].Email", "nameless@partner.example")),
            "Accept.Contacts[2].Name", "Enter the name.");
    }

    [Fact]
    public async Task Accept_WithADealNameOf201Characters_ShowsMessageNextToTheDealNameAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.DealName", new string('d', 201))),
            "Accept.DealName", "Deal name can be at most 200 characters.");
    }

    [Fact]
    public async Task Accept_WithNotesOf4001Characters_ShowsMessageNextToTheNotesAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.Notes", new string('n', 4001))),
            "Accept.Notes", "Notes can be at most 4000 characters.");
    }

    [Fact]
    public async Task Accept_WithADealNameOf200Characters_IsAccepted()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#accept-form",
            ValidAccept(("Accept.DealName", new string('d', 200)), ("Accept.Notes", new string('n', 4000))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(200, lead.Deal!.Name.Length);
        Assert.Equal(4000, lead.Deal.Notes!.Length);
    }

    [Fact]
    public async Task Accept_WithACrmIdOf101Characters_ShowsMessageNextToTheCrmIdAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.CrmId", new string('c', 101))),
            "Accept.CrmId", "CRM ID can be at most 100 characters.");
    }

    [Fact]
    public async Task Accept_WithMoreDecimalsThanTheCurrencyHas_ShowsMessageNextToTheValueAndChangesNothing()
    {
        var shown = await AssertRefusedAsync(LeadState.Received, "form#accept-form", ValidAccept(("Accept.EstimatedValue", "10.555")),
            "Accept.EstimatedValue", "USD amounts have at most 2 decimal places.");

        Assert.Equal("10.555", LeadPage.InputValue(shown, "Accept.EstimatedValue"));
    }

    [Fact]
    public async Task MarkWon_WithMoreDecimalsThanTheDealCurrencyHas_ShowsMessageNextToTheFinalValueAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Accepted, "form#won-form", new() { ["Won.FinalValue"] = "6000.125" },
            "Won.FinalValue", "USD amounts have at most 2 decimal places.");
    }

    [Fact]
    public async Task Accept_WithTheSameContactEmailTwice_IsRefusedWithAVisibleMessageAndChangesNothing()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#accept-form", ValidAccept(
            ("Accept.Contacts[0].Name", "Pat One"), ("Accept.Contacts[0].Email", "pat@partner.example"),
            ("Accept.Contacts[1].Name", "Pat Two"), ("Accept.Contacts[1].Email", "PAT@partner.example")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        var shown = await PortalClient.ParseAsync(response);
        Assert.Contains("pat@partner.example is listed more than once.", LeadPage.Text(shown.QuerySelector("main")), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The page offers three contact rows; a post with a fourth is refused by the validator, whose message must reach the user
    /// (it is keyed "Accept.Contacts", which the page must show somewhere).
    /// </summary>
    [Fact]
    public async Task Accept_WithMoreContactsThanTheFormOffers_IsRefusedWithAVisibleMessageAndChangesNothing()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));
        var values = ValidAccept();
        for (var i = 0; i < 4; i++)
        {
            values[$"Accept.Contacts[{i}].Name"] = $"Contact {i}";
            values[$"Accept.Contacts[{i}].Email"] = $"contact{i}@partner.example";
        }

        var response = await client.SubmitAsync(page, "form#accept-form", values);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        var shown = await PortalClient.ParseAsync(response);
        Assert.Contains("Add at most 3 contacts here; add more after accepting.", LeadPage.Text(shown.QuerySelector("main")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditDeal_OfALeadWhosePurchaseDateHasPassed_SavesOtherChangesWithoutAskingForANewDate()
    {
        var orgId = await _factory.OrganizationIdBySlugAsync("contoso");
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var id = await _factory.WithDbAsync(async db =>
        {
            var lead = Lead.Receive(orgId, LeadType.CustomerInquiry,
                new CustomerProfile("Old Deal Co", "Olive", "olive@example.com", null, "Taiwan", null, null, null),
                "Old need", new LeadSender(SenderKind.Customer, "Olive", "olive@example.com"), false, now.AddDays(-120), TimeSpan.FromDays(14));
            lead.Accept(new DealDetails("Old deal", Money.FromAmount(100m, "USD"), DateOnly.FromDateTime(now).AddDays(-30), null, null, null), [], "Seeder", now.AddDays(-119));
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            return lead.Id;
        });
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#edit-form", new Dictionary<string, string> { ["Edit.DealName"] = "Old deal, renamed" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal("Old deal, renamed", stored.Deal!.Name);
        Assert.Equal(_factory.Today().AddDays(-30), stored.Deal.EstimatedPurchaseDate);
    }

    [Fact]
    public async Task RemoveTeamMember_WhoIsNotOnTheTeam_ShowsTheReasonAndChangesNothing()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, $"form[action='/leads/{id}/team/remove']",
            new Dictionary<string, string> { ["MemberId"] = Guid.NewGuid().ToString() });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await PortalClient.ParseAsync(response);
        Assert.Equal("That person is not on this lead's team.", LeadPage.Text(shown.QuerySelector("[data-testid=form-error]")));
        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task Decline_WithoutAReason_ShowsMessageNextToTheReasonAndChangesNothing()
    {
        var shown = await AssertRefusedAsync(LeadState.Received, "form#decline-form",
            new() { ["Decline.Reason"] = "", ["Decline.Notes"] = "No reason given" },
            "Decline.Reason", "Choose why you are declining.");

        Assert.Equal("No reason given", LeadPage.InputValue(shown, "Decline.Notes"));
    }

    [Fact]
    public async Task Decline_WithAnUnknownReasonName_ShowsMessageNextToTheReasonAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#decline-form", new() { ["Decline.Reason"] = "Bogus" },
            "Decline.Reason", "'Bogus' is not a valid value here.");
    }

    [Fact]
    public async Task Decline_WithAnUnknownReasonNumber_ShowsMessageNextToTheReasonAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#decline-form", new() { ["Decline.Reason"] = "99" },
            "Decline.Reason", "'99' is not a valid value here.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Decline_WithReasonOtherAndNoNotes_ShowsMessageNextToTheNotesAndChangesNothing(string notes)
    {
        await AssertRefusedAsync(LeadState.Received, "form#decline-form", new() { ["Decline.Reason"] = "Other", ["Decline.Notes"] = notes },
            "Decline.Notes", "Say why in the notes when the reason is Other.");
    }

    [Fact]
    public async Task Decline_WithNotesOf4001Characters_ShowsMessageNextToTheNotesAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Received, "form#decline-form",
            new() { ["Decline.Reason"] = "NotAFit", ["Decline.Notes"] = new string('n', 4001) },
            "Decline.Notes", "Notes can be at most 4000 characters.");
    }

    [Fact]
    public async Task EditDeal_WithAZeroValue_ShowsMessageNextToTheValueAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Accepted, "form#edit-form", new() { ["Edit.EstimatedValue"] = "0" },
            "Edit.EstimatedValue", "The estimated value must be more than zero.");
    }

    [Fact]
    public async Task EditDeal_MovingThePurchaseDateIntoThePast_ShowsMessageNextToTheDateAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Accepted, "form#edit-form", new() { ["Edit.EstimatedPurchaseDate"] = InDays(-3) },
            "Edit.EstimatedPurchaseDate", "The estimated purchase date cannot be in the past.");
    }

    [Fact]
    public async Task AddTeamMember_WithoutAName_ShowsMessageNextToTheNameAndChangesNothing()
    {
        var shown = await AssertRefusedAsync(LeadState.Accepted, "form#team-form",
            new() { ["Team.Name"] = "", ["Team.Email"] = "nameless@partner.example" },
            "Team.Name", "Enter the name.");

        Assert.Equal("nameless@partner.example", LeadPage.InputValue(shown, "Team.Email"));
    }

    [Fact]
    public async Task AddTeamMember_WithAMalformedEmail_ShowsMessageNextToTheEmailAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Accepted, "form#team-form",
            new() { ["Team.Name"] = "Quinn", ["Team.Email"] = "quinn-at-partner" },
            "Team.Email", "Enter a valid email address, like name@example.com.");
    }

    [Fact]
    public async Task AddTeamMember_WithAMalformedPhone_ShowsMessageNextToThePhoneAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Accepted, "form#team-form",
            new() { ["Team.Name"] = "Quinn", ["Team.Phone"] = "call me", ["Team.Email"] = "quinn@partner.example" },
            "Team.Phone", "Enter a phone number of digits, spaces and + ( ) - . only, like +886 2 1234 5678.");
    }

    [Fact]
    public async Task AddTeamMember_WhoIsAlreadyOnTheTeam_ShowsMessageNextToTheEmailAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Accepted, "form#team-form",
            new() { ["Team.Name"] = "Sam Again", ["Team.Email"] = ActionTestLeads.SeedMemberEmail.ToUpperInvariant() },
            "Team.Email", $"{ActionTestLeads.SeedMemberEmail.ToUpperInvariant()} is already on the team.");
    }

    [Fact]
    public async Task MarkWon_WithANegativeFinalValue_ShowsMessageNextToTheFinalValueAndChangesNothing()
    {
        var shown = await AssertRefusedAsync(LeadState.Accepted, "form#won-form", new() { ["Won.FinalValue"] = "-100", ["Won.Notes"] = "Oops" },
            "Won.FinalValue", "The final value must be more than zero.");

        Assert.Equal("-100", LeadPage.InputValue(shown, "Won.FinalValue"));
        Assert.Equal("Oops", LeadPage.InputValue(shown, "Won.Notes"));
    }

    [Fact]
    public async Task MarkLost_WithNotesOf4001Characters_ShowsMessageNextToTheNotesAndChangesNothing()
    {
        await AssertRefusedAsync(LeadState.Accepted, "form#lost-form", new() { ["Lost.Notes"] = new string('n', 4001) },
            "Lost.Notes", "Notes can be at most 4000 characters.");
    }
}
