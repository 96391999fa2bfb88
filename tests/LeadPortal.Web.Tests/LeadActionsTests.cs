using System.Globalization;
using System.Net;

using LeadPortal.Core.Leads;
using LeadPortal.Web.Tests.Support;

using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>The success path of every lead action, as a signed-in admin does it on the lead page.</summary>
public sealed class LeadActionsTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public LeadActionsTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private string InDays(int days) => _factory.Today().AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Accept_WithADealAndOneAdditionalContact_MovesTheLeadToAcceptedAndStoresTheDeal()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));
        Assert.Equal("Received", LeadPage.StageBadge(page));

        var response = await client.SubmitAsync(page, "form#accept-form", new Dictionary<string, string>
        {
            ["Accept.DealName"] = "Cloud migration for Action Test",
            ["Accept.EstimatedValue"] = "1234.56",
            ["Accept.Currency"] = "EUR",
            ["Accept.EstimatedPurchaseDate"] = InDays(30),
            ["Accept.Notes"] = "Wants a proposal by December.",
            ["Accept.CrmId"] = "CRM-7001",
            ["Accept.CampaignId"] = "CMP-42",
            ["Accept.Contacts[0].Name"] = "Pat Partner",
            ["Accept.Contacts[0].Phone"] = "+886 2 2345 6789",
            ["Accept.Contacts[0].Email"] = "pat@partner.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(LeadPage.Url(id), response.Headers.Location!.OriginalString);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Null(lead.Outcome);
        Assert.Equal("Cloud migration for Action Test", lead.Deal!.Name);
        Assert.Equal(123456, lead.Deal.ValueMinor);
        Assert.Equal("EUR", lead.Deal.Currency);
        Assert.Equal(_factory.Today().AddDays(30), lead.Deal.EstimatedPurchaseDate);
        Assert.Equal("Wants a proposal by December.", lead.Deal.Notes);
        Assert.Equal("CRM-7001", lead.Deal.CrmId);
        Assert.Equal("CMP-42", lead.Deal.CampaignId);
        var contact = Assert.Single(lead.TeamMembers);
        Assert.Equal(("Pat Partner", "+886 2 2345 6789", "pat@partner.example"), (contact.Name, contact.Phone, contact.Email));
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, lead.AnsweredAtUtc);
        Assert.Equal(2, lead.History.Count);
        var entry = lead.LastHistoryEntry();
        Assert.Equal(LeadAction.Accept, entry.Action);
        Assert.Equal("Ava Admin", entry.Actor);
        Assert.Equal(LeadStage.Received, entry.FromStage);
        Assert.Equal(LeadStage.Accepted, entry.ToStage);
        Assert.Contains(new LeadChange(LeadChangeField.TeamMember, null, "Pat Partner <pat@partner.example>"), entry.Changes);

        var after = await client.FollowAsync(response);
        Assert.Equal("Accepted", LeadPage.StageBadge(after));
        Assert.Contains("Lead accepted", LeadPage.SuccessFlash(after), StringComparison.Ordinal);
        var newest = LeadPage.History(after)[0];
        Assert.StartsWith("Accepted by Ava Admin", newest, StringComparison.Ordinal);
        Assert.Contains("Received → Accepted", newest, StringComparison.Ordinal);
        Assert.Contains("Cloud migration for Action Test", LeadPage.Text(after.QuerySelector("[data-testid=deal]")), StringComparison.Ordinal);
        Assert.Contains("Pat Partner", LeadPage.Text(after.QuerySelector("[data-testid=team]")), StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("form#edit-form"));
        Assert.Null(after.QuerySelector("form#accept-form"));
    }

    [Fact]
    public async Task Accept_InAZeroDecimalCurrency_StoresTheWholeAmountAsMinorUnits()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var client = await _factory.SignInAsync("referrals@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#accept-form", new Dictionary<string, string>
        {
            ["Accept.DealName"] = "Yen deal",
            ["Accept.EstimatedValue"] = "1500000",
            ["Accept.Currency"] = "jpy",
            ["Accept.EstimatedPurchaseDate"] = InDays(10),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(1_500_000, lead.Deal!.ValueMinor);
        Assert.Equal("JPY", lead.Deal.Currency);
        Assert.Empty(lead.TeamMembers);
        Assert.Equal("Ray Referrals", lead.LastHistoryEntry().Actor);
    }

    [Fact]
    public async Task Decline_WithAReasonAndNotes_ArchivesTheLeadAsDeclined()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#decline-form", new Dictionary<string, string>
        {
            ["Decline.Reason"] = "OutsideServedRegions",
            ["Decline.Notes"] = "We only serve Taiwan and Japan.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Archived, lead.Stage);
        Assert.Equal(LeadOutcome.Declined, lead.Outcome);
        Assert.Equal(DeclineReason.OutsideServedRegions, lead.DeclineReason);
        Assert.Equal("We only serve Taiwan and Japan.", lead.DeclineNotes);
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, lead.ArchivedAtUtc);
        Assert.Null(lead.Deal);
        var entry = lead.LastHistoryEntry();
        Assert.Equal(LeadAction.Decline, entry.Action);
        Assert.Equal(LeadStage.Archived, entry.ToStage);

        var after = await client.FollowAsync(response);
        Assert.Equal("Archived · Declined", LeadPage.StageBadge(after));
        Assert.Contains("Lead declined and archived", LeadPage.SuccessFlash(after), StringComparison.Ordinal);
        var newest = LeadPage.History(after)[0];
        Assert.StartsWith("Declined by Ava Admin", newest, StringComparison.Ordinal);
        Assert.Contains("Reason: Outside the regions we serve", newest, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("[data-testid=no-actions]"));
        Assert.Empty(after.QuerySelectorAll("form#accept-form, form#decline-form"));
    }

    [Fact]
    public async Task Decline_WithReasonOtherAndNotes_ArchivesTheLeadWithTheNotes()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#decline-form", new Dictionary<string, string>
        {
            ["Decline.Reason"] = "Other",
            ["Decline.Notes"] = "  The customer asked us to stop.  ",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal((LeadStage.Archived, LeadOutcome.Declined), (lead.Stage, lead.Outcome!.Value));
        Assert.Equal(DeclineReason.Other, lead.DeclineReason);
        Assert.Equal("The customer asked us to stop.", lead.DeclineNotes);
    }

    [Fact]
    public async Task EditDeal_ChangingNameAndValue_SavesTheDealAndListsTheChangesInTheHistory()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));
        Assert.Equal(ActionTestLeads.SeedDealName, LeadPage.InputValue(page, "Edit.DealName"));

        var response = await client.SubmitAsync(page, "form#edit-form", new Dictionary<string, string>
        {
            ["Edit.DealName"] = "Bigger deal",
            ["Edit.EstimatedValue"] = "7250.5",
            ["Edit.CrmId"] = "CRM-NEW",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Equal("Bigger deal", lead.Deal!.Name);
        Assert.Equal(725050, lead.Deal.ValueMinor);
        Assert.Equal("USD", lead.Deal.Currency);
        Assert.Equal("CRM-NEW", lead.Deal.CrmId);
        Assert.Equal("Seed notes", lead.Deal.Notes);
        Assert.Equal(before.HistoryCount + 1, lead.History.Count);
        Assert.NotEqual(before.Version, lead.Version);
        var entry = lead.LastHistoryEntry();
        Assert.Equal(LeadAction.EditDeal, entry.Action);
        Assert.Contains(new LeadChange(LeadChangeField.DealName, "Seeded deal", "Bigger deal"), entry.Changes);
        Assert.Contains(new LeadChange(LeadChangeField.EstimatedValue, "5000.00 USD", "7250.50 USD"), entry.Changes);
        Assert.Contains(new LeadChange(LeadChangeField.CrmId, "CRM-SEED", "CRM-NEW"), entry.Changes);

        var after = await client.FollowAsync(response);
        Assert.Equal("Accepted", LeadPage.StageBadge(after));
        Assert.Contains("Deal saved.", LeadPage.SuccessFlash(after), StringComparison.Ordinal);
        var newest = LeadPage.History(after)[0];
        Assert.StartsWith("Deal edited by Ava Admin", newest, StringComparison.Ordinal);
        Assert.Contains("Deal: Seeded deal → Bigger deal", newest, StringComparison.Ordinal);
        Assert.Contains("Estimated value: 5,000.00 USD → 7,250.50 USD", newest, StringComparison.Ordinal);
        Assert.Contains("Bigger deal", LeadPage.Text(after.QuerySelector("[data-testid=deal]")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditDeal_WithNothingChanged_AddsNoHistoryEntry()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#edit-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task AddTeamMember_WithNamePhoneAndEmail_AddsThePersonToTheTeam()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#team-form", new Dictionary<string, string>
        {
            ["Team.Name"] = "Quinn Engineer",
            ["Team.Phone"] = "+886 2 8888 1234",
            ["Team.Email"] = "quinn@partner.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Equal(2, lead.TeamMembers.Count);
        var added = Assert.Single(lead.TeamMembers, m => m.Email == "quinn@partner.example");
        Assert.Equal(("Quinn Engineer", "+886 2 8888 1234"), (added.Name, added.Phone));
        Assert.Equal(before.HistoryCount + 1, lead.History.Count);
        Assert.Equal(LeadAction.AddTeamMember, lead.LastHistoryEntry().Action);

        var after = await client.FollowAsync(response);
        Assert.Equal("Accepted", LeadPage.StageBadge(after));
        Assert.Contains("Team member added.", LeadPage.SuccessFlash(after), StringComparison.Ordinal);
        Assert.Contains("Quinn Engineer", LeadPage.Text(after.QuerySelector("[data-testid=team]")), StringComparison.Ordinal);
        var newest = LeadPage.History(after)[0];
        Assert.StartsWith("Team member added by Ava Admin", newest, StringComparison.Ordinal);
        Assert.Contains("Added Quinn Engineer (quinn@partner.example)", newest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveTeamMember_FromTheTeamList_TakesThePersonOffTheTeam()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        var before = await _factory.SnapshotAsync(id);
        var memberId = (await _factory.LoadStoredLeadAsync(id)).TeamMembers.Single().Id;
        using var client = await _factory.SignInAsync("referrals@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, $"form[action='/leads/{id}/team/remove']:has(input[value='{memberId}'])");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Empty(lead.TeamMembers);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Equal(before.HistoryCount + 1, lead.History.Count);
        var entry = lead.LastHistoryEntry();
        Assert.Equal(LeadAction.RemoveTeamMember, entry.Action);
        Assert.Equal("Ray Referrals", entry.Actor);

        var after = await client.FollowAsync(response);
        Assert.Equal("Accepted", LeadPage.StageBadge(after));
        Assert.Contains("Team member removed.", LeadPage.SuccessFlash(after), StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("[data-testid=team]"));
        var newest = LeadPage.History(after)[0];
        Assert.StartsWith("Team member removed by Ray Referrals", newest, StringComparison.Ordinal);
        Assert.Contains($"Removed {ActionTestLeads.SeedMemberName} ({ActionTestLeads.SeedMemberEmail})", newest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkWon_WithAFinalValue_ReplacesTheDealValueAndArchivesTheLeadAsWon()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#won-form", new Dictionary<string, string>
        {
            ["Won.FinalValue"] = "6500.5",
            ["Won.Notes"] = "Signed for three years.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Archived, lead.Stage);
        Assert.Equal(LeadOutcome.Won, lead.Outcome);
        Assert.Equal(650050, lead.Deal!.ValueMinor);
        Assert.Equal("USD", lead.Deal.Currency);
        Assert.Equal(ActionTestLeads.SeedDealName, lead.Deal.Name);
        Assert.Equal("Signed for three years.", lead.ClosingNotes);
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, lead.ArchivedAtUtc);
        var entry = lead.LastHistoryEntry();
        Assert.Equal(LeadAction.MarkWon, entry.Action);
        Assert.Contains(new LeadChange(LeadChangeField.FinalValue, "5000.00 USD", "6500.50 USD"), entry.Changes);

        var after = await client.FollowAsync(response);
        Assert.Equal("Archived · Won", LeadPage.StageBadge(after));
        Assert.Contains("Deal marked as won", LeadPage.SuccessFlash(after), StringComparison.Ordinal);
        var newest = LeadPage.History(after)[0];
        Assert.StartsWith("Marked as won by Ava Admin", newest, StringComparison.Ordinal);
        Assert.Contains("Accepted → Archived", newest, StringComparison.Ordinal);
        Assert.Contains("Final value: 5,000.00 USD → 6,500.50 USD", newest, StringComparison.Ordinal);
        Assert.Contains("Notes: Signed for three years.", newest, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("[data-testid=no-actions]"));
        Assert.Contains("Signed for three years.", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkWon_WithoutAFinalValue_KeepsTheEstimateAsTheValue()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#won-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal((LeadStage.Archived, LeadOutcome.Won), (lead.Stage, lead.Outcome!.Value));
        Assert.Equal(500000, lead.Deal!.ValueMinor);
        Assert.Empty(lead.LastHistoryEntry().Changes);
    }

    [Fact]
    public async Task MarkLost_WithNotes_ArchivesTheLeadAsLost()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#lost-form", new Dictionary<string, string>
        {
            ["Lost.Notes"] = "Customer chose a competitor.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Archived, lead.Stage);
        Assert.Equal(LeadOutcome.Lost, lead.Outcome);
        Assert.Equal("Customer chose a competitor.", lead.ClosingNotes);
        Assert.Equal(500000, lead.Deal!.ValueMinor);
        var entry = lead.LastHistoryEntry();
        Assert.Equal(LeadAction.MarkLost, entry.Action);
        Assert.Equal([new LeadChange(LeadChangeField.Notes, null, "Customer chose a competitor.")], entry.Changes);

        var after = await client.FollowAsync(response);
        Assert.Equal("Archived · Lost", LeadPage.StageBadge(after));
        Assert.Contains("Deal marked as lost and archived.", LeadPage.SuccessFlash(after), StringComparison.Ordinal);
        Assert.StartsWith("Marked as lost by Ava Admin", LeadPage.History(after)[0], StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("[data-testid=no-actions]"));
    }

    [Fact]
    public async Task SeededReceivedLead_CanBeAcceptedFromItsPage()
    {
        var orgId = await _factory.OrganizationIdBySlugAsync("contoso");
        var id = await _factory.WithDbAsync(db => db.LeadsOf(orgId)
            .Where(l => l.Stage == LeadStage.Received && l.Type == LeadType.SalesQualified)
            .OrderByDescending(l => l.Id).Select(l => l.Id).FirstAsync());
        var historyBefore = (await _factory.SnapshotAsync(id)).HistoryCount;
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.SubmitAsync(page, "form#accept-form", new Dictionary<string, string>
        {
            ["Accept.DealName"] = "Seeded lead deal",
            ["Accept.EstimatedValue"] = "99",
            ["Accept.EstimatedPurchaseDate"] = InDays(0),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Equal((9900L, "USD"), (lead.Deal!.ValueMinor, lead.Deal.Currency));
        Assert.Equal(historyBefore + 1, lead.History.Count);
        Assert.Equal("Accepted", LeadPage.StageBadge(await client.FollowAsync(response)));
    }
}
