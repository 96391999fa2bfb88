using System.Net;

using LeadPortal.Core.Leads;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>Two admins of the same organization working one lead: the one who saves second from a stale page is told, and overwrites nothing.</summary>
public sealed class LeadActionsConflictTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public LeadActionsConflictTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private string InDays(int days) => _factory.Today().AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Decline_FromAPageLoadedBeforeAnotherAdminAccepted_IsRefusedWithAConflictAndKeepsTheAccept()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var a = await _factory.SignInAsync("admin@contoso.test");
        using var b = await _factory.SignInAsync("referrals@contoso.test");
        var pageOfA = await a.GetPageAsync(LeadPage.Url(id));
        var pageOfB = await b.GetPageAsync(LeadPage.Url(id));

        var accepted = await a.SubmitAsync(pageOfA, "form#accept-form", new Dictionary<string, string>
        {
            ["Accept.DealName"] = "A's deal",
            ["Accept.EstimatedValue"] = "4200",
            ["Accept.EstimatedPurchaseDate"] = InDays(15),
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var afterA = await _factory.SnapshotAsync(id);

        var declined = await b.SubmitAsync(pageOfB, "form#decline-form", new Dictionary<string, string>
        {
            ["Decline.Reason"] = "NotAFit",
            ["Decline.Notes"] = "B's decline",
        });

        Assert.Equal(HttpStatusCode.Conflict, declined.StatusCode);
        var conflictPage = await PortalClient.ParseAsync(declined);
        Assert.Contains("This lead was changed by someone else", LeadPage.Text(conflictPage.QuerySelector("[data-testid=conflict]")), StringComparison.Ordinal);
        Assert.Equal("Accepted", LeadPage.StageBadge(conflictPage));
        Assert.Contains("A's deal", LeadPage.Text(conflictPage.QuerySelector("[data-testid=deal]")), StringComparison.Ordinal);
        Assert.StartsWith("Accepted by Ava Admin", LeadPage.History(conflictPage)[0], StringComparison.Ordinal);
        Assert.Equal(afterA, await _factory.SnapshotAsync(id));
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal((LeadStage.Accepted, "A's deal", 420000L), (lead.Stage, lead.Deal!.Name, lead.Deal.ValueMinor));
        Assert.Null(lead.DeclineReason);

        // B's re-rendered page carries the current version, so B can go on from it.
        Assert.Equal(afterA.Version.ToString(), LeadPage.InputValue(conflictPage, "Team.Version"));
        var added = await b.SubmitAsync(conflictPage, "form#team-form", new Dictionary<string, string>
        {
            ["Team.Name"] = "Bea Builder",
            ["Team.Email"] = "bea@partner.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(LeadStage.Accepted, lead.Stage);
        Assert.Equal("A's deal", lead.Deal!.Name);
        Assert.Contains(lead.TeamMembers, m => m.Email == "bea@partner.example");
        Assert.Equal(afterA.HistoryCount + 1, lead.History.Count);
        Assert.Equal(("Ray Referrals", LeadAction.AddTeamMember), (lead.LastHistoryEntry().Actor, lead.LastHistoryEntry().Action));
        var final = await b.FollowAsync(added);
        Assert.Null(final.QuerySelector("[data-testid=conflict]"));
        Assert.StartsWith("Team member added by Ray Referrals", LeadPage.History(final)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_FromAPageLoadedBeforeAnotherAdminDeclined_IsRefusedAndTheArchivedLeadOffersNoForms()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var a = await _factory.SignInAsync("admin@contoso.test");
        using var b = await _factory.SignInAsync("referrals@contoso.test");
        var pageOfA = await a.GetPageAsync(LeadPage.Url(id));
        var pageOfB = await b.GetPageAsync(LeadPage.Url(id));
        Assert.Equal(HttpStatusCode.Redirect, (await a.SubmitAsync(pageOfA, "form#decline-form", new Dictionary<string, string> { ["Decline.Reason"] = "Duplicate" })).StatusCode);
        var afterA = await _factory.SnapshotAsync(id);

        var accepted = await b.SubmitAsync(pageOfB, "form#accept-form", new Dictionary<string, string>
        {
            ["Accept.DealName"] = "B's deal",
            ["Accept.EstimatedValue"] = "100",
            ["Accept.EstimatedPurchaseDate"] = InDays(5),
        });

        Assert.Equal(HttpStatusCode.Conflict, accepted.StatusCode);
        var conflictPage = await PortalClient.ParseAsync(accepted);
        Assert.Contains("the lead is archived and can no longer be changed", LeadPage.Text(conflictPage.QuerySelector("[data-testid=conflict]")), StringComparison.Ordinal);
        Assert.Equal("Archived · Declined", LeadPage.StageBadge(conflictPage));
        Assert.NotNull(conflictPage.QuerySelector("[data-testid=no-actions]"));
        Assert.Null(conflictPage.QuerySelector("form#accept-form"));
        Assert.Equal(afterA, await _factory.SnapshotAsync(id));
        Assert.Null((await _factory.LoadStoredLeadAsync(id)).Deal);
    }

    [Fact]
    public async Task EditDeal_ByTwoAdminsFromTheSamePage_KeepsTheFirstAndRefusesTheSecondWithAConflict()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var a = await _factory.SignInAsync("admin@contoso.test");
        using var b = await _factory.SignInAsync("referrals@contoso.test");
        var pageOfA = await a.GetPageAsync(LeadPage.Url(id));
        var pageOfB = await b.GetPageAsync(LeadPage.Url(id));

        var first = await a.SubmitAsync(pageOfA, "form#edit-form", new Dictionary<string, string>
        {
            ["Edit.DealName"] = "A's name",
            ["Edit.EstimatedValue"] = "6100",
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var afterA = await _factory.SnapshotAsync(id);

        var second = await b.SubmitAsync(pageOfB, "form#edit-form", new Dictionary<string, string>
        {
            ["Edit.DealName"] = "B's name",
            ["Edit.EstimatedValue"] = "9900",
        });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var conflictPage = await PortalClient.ParseAsync(second);
        Assert.NotNull(conflictPage.QuerySelector("[data-testid=conflict]"));
        var dealShown = LeadPage.Text(conflictPage.QuerySelector("[data-testid=deal]"));
        Assert.Contains("A's name", dealShown, StringComparison.Ordinal);
        Assert.DoesNotContain("B's name", dealShown, StringComparison.Ordinal);
        Assert.Equal(afterA, await _factory.SnapshotAsync(id));
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(("A's name", 610000L), (lead.Deal!.Name, lead.Deal.ValueMinor));
        Assert.Equal("Ava Admin", lead.LastHistoryEntry().Actor);

        // B's input is still in the open edit form, now with the current version: saving again replaces A's values knowingly.
        Assert.NotNull(conflictPage.QuerySelector("form#edit-form")!.Closest("details")!.GetAttribute("open"));
        Assert.Equal("B's name", LeadPage.InputValue(conflictPage, "Edit.DealName"));
        Assert.Equal(afterA.Version.ToString(), LeadPage.InputValue(conflictPage, "Edit.Version"));
        var retried = await b.SubmitAsync(conflictPage, "form#edit-form");

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(("B's name", 990000L), (lead.Deal!.Name, lead.Deal.ValueMinor));
        Assert.Contains(new LeadChange(LeadChangeField.DealName, "A's name", "B's name"), lead.LastHistoryEntry().Changes);
    }

    [Fact]
    public async Task RemoveTeamMember_FromAStalePage_IsRefusedWithAConflictAndKeepsTheMember()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var a = await _factory.SignInAsync("admin@contoso.test");
        using var b = await _factory.SignInAsync("referrals@contoso.test");
        var pageOfA = await a.GetPageAsync(LeadPage.Url(id));
        var pageOfB = await b.GetPageAsync(LeadPage.Url(id));
        Assert.Equal(HttpStatusCode.Redirect, (await a.SubmitAsync(pageOfA, "form#lost-form")).StatusCode);
        var afterA = await _factory.SnapshotAsync(id);

        var removed = await b.SubmitAsync(pageOfB, $"form[action='/leads/{id}/team/remove']");

        Assert.Equal(HttpStatusCode.Conflict, removed.StatusCode);
        Assert.NotNull((await PortalClient.ParseAsync(removed)).QuerySelector("[data-testid=conflict]"));
        Assert.Equal(afterA, await _factory.SnapshotAsync(id));
        Assert.Equal(1, afterA.TeamCount);
    }

    [Fact]
    public async Task Save_WithAStaleVersionAndAnInvalidForm_IsAConflictNotAValidationError()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var a = await _factory.SignInAsync("admin@contoso.test");
        using var b = await _factory.SignInAsync("admin@contoso.test");
        var pageOfA = await a.GetPageAsync(LeadPage.Url(id));
        var pageOfB = await b.GetPageAsync(LeadPage.Url(id));
        Assert.Equal(HttpStatusCode.Redirect, (await a.SubmitAsync(pageOfA, "form#team-form", new Dictionary<string, string>
        {
            ["Team.Name"] = "Ann",
            ["Team.Email"] = "ann@partner.example",
        })).StatusCode);
        var afterA = await _factory.SnapshotAsync(id);

        var won = await b.SubmitAsync(pageOfB, "form#won-form", new Dictionary<string, string> { ["Won.FinalValue"] = "-1" });

        Assert.Equal(HttpStatusCode.Conflict, won.StatusCode);
        Assert.Equal(afterA, await _factory.SnapshotAsync(id));
    }
}
