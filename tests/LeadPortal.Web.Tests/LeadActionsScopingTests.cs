using System.Net;

using LeadPortal.Web.Tests.Support;

using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Another organization's lead, or one that does not exist, is not found on every lead route, even with a valid form and the
/// lead's real version; and a post without the antiforgery token is refused. Nothing changes either way.
/// </summary>
public sealed class LeadActionsScopingTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public LeadActionsScopingTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    public static TheoryData<string> PostRoutes() => [.. ActionBodies.Actions.Append("favorite")];

    /// <summary>A Fabrikam lead in the stage where <paramref name="route"/> would be allowed.</summary>
    private Task<long> FabrikamLeadForAsync(string route) =>
        _factory.CreateLeadAsync(route is "accept" or "decline" or "favorite" ? LeadState.Received : LeadState.Accepted, "fabrikam");

    private async Task<Dictionary<string, string>> BodyForAsync(string route, long id)
    {
        if (route == "favorite")
        {
            return new(StringComparer.Ordinal) { ["returnUrl"] = "/leads/favorites" };
        }

        var lead = await _factory.LoadStoredLeadAsync(id);
        return ActionBodies.Valid(route, lead.Version, _factory.Today(), lead.TeamMembers.Count > 0 ? lead.TeamMembers[0].Id : null);
    }

    private Task<int> FavoriteCountAsync(long id) => _factory.WithDbAsync(db => db.FavoriteLeads.CountAsync(f => f.LeadId == id));

    [Fact]
    public async Task LeadPage_OfAnotherOrganizationsLead_IsNotFoundForASignedInUser()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted, "fabrikam");
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.GetAsync(LeadPage.Url(id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Action Test fabrikam", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionTestLeads.SeedDealName, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task Post_ToAnotherOrganizationsLead_IsNotFoundAndChangesNothing(string route)
    {
        var id = await FabrikamLeadForAsync(route);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.PostWithTokenAsync(ActionBodies.Route(id, route), await BodyForAsync(route, id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Action Test fabrikam", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        Assert.Equal(0, await FavoriteCountAsync(id));
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task Post_ToAnotherOrganizationsLead_WithJsonAccepted_IsNotFound(string route)
    {
        var id = await FabrikamLeadForAsync(route);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("referrals@contoso.test");
        var body = await BodyForAsync(route, id);
        body["__RequestVerificationToken"] = LeadPage.AntiforgeryToken(await client.GetPageAsync("/leads/qualified"));
        using var request = new HttpRequestMessage(HttpMethod.Post, ActionBodies.Route(id, route)) { Content = new FormUrlEncodedContent(body) };
        request.Headers.Accept.ParseAdd("application/json");

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        Assert.Equal(0, await FavoriteCountAsync(id));
    }

    [Fact]
    public async Task Fabrikam_CanStillActOnTheLeadsContosoCouldNotTouch()
    {
        var id = await FabrikamLeadForAsync("accept");
        using var contoso = await _factory.SignInAsync("admin@contoso.test");
        var lead = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(HttpStatusCode.NotFound,
            (await contoso.PostWithTokenAsync(ActionBodies.Route(id, "decline"), ActionBodies.Valid("decline", lead.Version, _factory.Today()))).StatusCode);
        using var fabrikam = await _factory.SignInAsync("admin@fabrikam.test");

        var response = await fabrikam.PostWithTokenAsync(ActionBodies.Route(id, "decline"), ActionBodies.Valid("decline", lead.Version, _factory.Today()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await _factory.LoadStoredLeadAsync(id);
        Assert.Equal(Core.Leads.LeadOutcome.Declined, after.Outcome);
        Assert.Equal("Fay Fabrikam", after.LastHistoryEntry().Actor);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task Post_ToALeadThatDoesNotExist_IsNotFound(string route)
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var body = route == "favorite"
            ? new Dictionary<string, string>(StringComparer.Ordinal) { ["returnUrl"] = "/leads/favorites" }
            : ActionBodies.Valid(route, Guid.NewGuid(), _factory.Today());

        var response = await client.PostWithTokenAsync(ActionBodies.Route(99_999_999, route), body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await FavoriteCountAsync(99_999_999));
    }

    [Fact]
    public async Task LeadPage_OfALeadThatDoesNotExist_IsNotFound()
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.GetAsync(LeadPage.Url(99_999_999));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PostRoutes))]
    public async Task Post_WithoutAntiforgeryToken_IsRefusedAndChangesNothing(string route)
    {
        var id = await _factory.CreateLeadAsync(route is "accept" or "decline" or "favorite" ? LeadState.Received : LeadState.Accepted);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");
        await client.GetPageAsync(LeadPage.Url(id));

        var response = await client.PostFormAsync(ActionBodies.Route(id, route), await BodyForAsync(route, id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
        Assert.Equal(0, await FavoriteCountAsync(id));
    }

    [Fact]
    public async Task Post_WithAnotherUsersAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        var before = await _factory.SnapshotAsync(id);
        using var victim = await _factory.SignInAsync("admin@contoso.test");
        using var other = await _factory.SignInAsync("referrals@contoso.test");
        var tokenOfOther = LeadPage.AntiforgeryToken(await other.GetPageAsync(LeadPage.Url(id)));
        await victim.GetPageAsync(LeadPage.Url(id));
        var body = ActionBodies.Valid("decline", before.Version, _factory.Today());
        body["__RequestVerificationToken"] = tokenOfOther;

        var response = await victim.PostFormAsync(ActionBodies.Route(id, "decline"), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task Post_WhenSignedOut_RedirectsToSignInAndChangesNothing()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        var before = await _factory.SnapshotAsync(id);
        using var client = _factory.CreatePortalClient();
        var token = LeadPage.AntiforgeryToken(await client.GetPageAsync("/account/login"));
        var body = ActionBodies.Valid("decline", before.Version, _factory.Today());
        body["__RequestVerificationToken"] = token;

        var response = await client.PostFormAsync(ActionBodies.Route(id, "decline"), body);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }
}
