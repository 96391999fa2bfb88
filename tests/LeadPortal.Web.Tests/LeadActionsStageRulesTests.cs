using System.Net;

using LeadPortal.Core.Leads;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Every action a lead's stage does not allow, posted with a valid form and the lead's current version (as a crafted request or
/// an old tab would): a redirect to the lead, the reason in the page's error alert, and nothing changed.
/// </summary>
public sealed class LeadActionsStageRulesTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public LeadActionsStageRulesTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private static readonly (LeadState State, LeadStage Stage, LeadOutcome? Outcome)[] States =
    [
        (LeadState.Received, LeadStage.Received, null),
        (LeadState.Accepted, LeadStage.Accepted, null),
        (LeadState.ArchivedWon, LeadStage.Archived, LeadOutcome.Won),
        (LeadState.ArchivedDeclined, LeadStage.Archived, LeadOutcome.Declined),
        (LeadState.ArchivedExpired, LeadStage.Archived, LeadOutcome.Expired),
        (LeadState.ArchivedLost, LeadStage.Archived, LeadOutcome.Lost),
    ];

    private static readonly Dictionary<string, LeadAction> ActionOfRoute = new(StringComparer.Ordinal)
    {
        ["accept"] = LeadAction.Accept,
        ["decline"] = LeadAction.Decline,
        ["edit"] = LeadAction.EditDeal,
        ["team"] = LeadAction.AddTeamMember,
        ["team/remove"] = LeadAction.RemoveTeamMember,
        ["won"] = LeadAction.MarkWon,
        ["lost"] = LeadAction.MarkLost,
    };

    private static readonly Dictionary<LeadAction, string> Described = new()
    {
        [LeadAction.Accept] = "accepted",
        [LeadAction.Decline] = "declined",
        [LeadAction.EditDeal] = "edited",
        [LeadAction.AddTeamMember] = "given new team members",
        [LeadAction.RemoveTeamMember] = "changed in its team",
        [LeadAction.MarkWon] = "marked as won",
        [LeadAction.MarkLost] = "marked as lost",
    };

    /// <summary>Every (state, route) pair whose stage does not allow the action: 35 of the 42.</summary>
    public static TheoryData<LeadState, string> IllegalPairs()
    {
        var data = new TheoryData<LeadState, string>();
        foreach (var (state, stage, _) in States)
        {
            foreach (var route in ActionBodies.Actions.Where(a => !Lead.Allows(stage, ActionOfRoute[a])))
            {
                data.Add(state, route);
            }
        }

        return data;
    }

    [Fact]
    public void IllegalPairs_CoverEveryStateAndEveryAction()
    {
        var pairs = IllegalPairs().Select(row => ((LeadState)row[0], (string)row[1])).ToList();

        Assert.Equal(35, pairs.Count);
        Assert.Equal(Enum.GetValues<LeadState>().Order(), pairs.Select(p => p.Item1).Distinct().Order());
        Assert.Equal(ActionBodies.Actions.Order(StringComparer.Ordinal), pairs.Select(p => p.Item2).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public async Task ActionTheStageForbids_RedirectsToTheLeadWithTheReasonAndChangesNothing(LeadState state, string route)
    {
        var (_, stage, outcome) = States.Single(s => s.State == state);
        var id = await _factory.CreateLeadAsync(state);
        var lead = await _factory.LoadStoredLeadAsync(id);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));
        var body = ActionBodies.Valid(route, lead.Version, _factory.Today(), lead.TeamMembers.Count > 0 ? lead.TeamMembers[0].Id : null);
        body["__RequestVerificationToken"] = LeadPage.AntiforgeryToken(page);

        var response = await client.PostFormAsync(ActionBodies.Route(id, route), body);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(LeadPage.Url(id), response.Headers.Location!.OriginalString);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        var after = await client.FollowAsync(response);
        var expected = stage == LeadStage.Archived
            ? $"This lead is archived ({outcome}); it can no longer be changed."
            : $"A lead in the {stage} stage cannot be {Described[ActionOfRoute[route]]}; that needs the {(stage == LeadStage.Received ? "Accepted" : "Received")} stage.";
        Assert.Equal(expected, LeadPage.ErrorFlash(after));
        Assert.Empty(LeadPage.SuccessFlash(after));
        Assert.Equal(LeadPage.StageBadge(page), LeadPage.StageBadge(after));
        Assert.Equal(LeadPage.History(page), LeadPage.History(after));

        var again = await client.GetPageAsync(LeadPage.Url(id));
        Assert.Empty(LeadPage.ErrorFlash(again));
    }

    [Fact]
    public async Task MarkWon_WithoutAFinalValueOnAReceivedLead_RedirectsWithTheReasonAndChangesNothing()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.PostFormAsync(ActionBodies.Route(id, "won"), new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LeadPage.AntiforgeryToken(page),
            ["Won.Version"] = before.Version.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        Assert.Equal("A lead in the Received stage cannot be marked as won; that needs the Accepted stage.",
            LeadPage.ErrorFlash(await client.FollowAsync(response)));
    }

    [Theory]
    [InlineData(LeadState.ArchivedWon, "Archived · Won")]
    [InlineData(LeadState.ArchivedDeclined, "Archived · Declined")]
    [InlineData(LeadState.ArchivedExpired, "Archived · Expired")]
    [InlineData(LeadState.ArchivedLost, "Archived · Lost")]
    public async Task ArchivedLead_ShowsNoActionForms(LeadState state, string badge)
    {
        var id = await _factory.CreateLeadAsync(state);
        using var client = await _factory.SignInAsync("referrals@contoso.test");

        var page = await client.GetPageAsync(LeadPage.Url(id));

        Assert.Equal(badge, LeadPage.StageBadge(page));
        Assert.NotNull(page.QuerySelector("[data-testid=no-actions]"));
        Assert.Null(page.QuerySelector("[data-testid=actions]"));
        Assert.Empty(page.QuerySelectorAll("form[action*='/accept'], form[action*='/decline'], form[action*='/edit'], form[action*='/team'], form[action*='/won'], form[action*='/lost']"));
    }

    [Fact]
    public async Task ReceivedLead_ShowsOnlyAcceptAndDecline()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var page = await client.GetPageAsync(LeadPage.Url(id));

        Assert.NotNull(page.QuerySelector("form#accept-form"));
        Assert.NotNull(page.QuerySelector("form#decline-form"));
        Assert.Empty(page.QuerySelectorAll("form#edit-form, form#team-form, form#won-form, form#lost-form, form[action$='/team/remove']"));
    }

    [Fact]
    public async Task AcceptedLead_ShowsOnlyTheDealActions()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var page = await client.GetPageAsync(LeadPage.Url(id));

        Assert.Equal(4, page.QuerySelectorAll("form#edit-form, form#team-form, form#won-form, form#lost-form").Length);
        Assert.Single(page.QuerySelectorAll("form[action$='/team/remove']"));
        Assert.Empty(page.QuerySelectorAll("form#accept-form, form#decline-form"));
    }
}
