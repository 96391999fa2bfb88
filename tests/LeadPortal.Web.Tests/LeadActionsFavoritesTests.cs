using System.Net;
using System.Text.Json;

using LeadPortal.Web.Tests.Support;

using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>The heart on a lead: a per-user favorite, toggled by a form post (redirect) or by script (JSON).</summary>
public sealed class LeadActionsFavoritesTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public LeadActionsFavoritesTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private Task<List<string>> FavoritedByAsync(long id) =>
        _factory.WithDbAsync(db => db.FavoriteLeads.Where(f => f.LeadId == id)
            .Join(db.Users, f => f.UserId, u => u.Id, (f, u) => u.Email!)
            .ToListAsync());

    private static async Task<bool> ListsAsync(PortalClient client, long id)
    {
        var page = await client.GetPageAsync("/leads/favorites");
        return page.QuerySelector($"tr[data-lead-id='{id}']") is not null;
    }

    private static async Task<HttpResponseMessage> ToggleAsJsonAsync(PortalClient client, long id)
    {
        var token = LeadPage.AntiforgeryToken(await client.GetPageAsync(LeadPage.Url(id)));
        using var request = new HttpRequestMessage(HttpMethod.Post, ActionBodies.Route(id, "favorite"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task Favorite_FromTheLeadPage_RedirectsBackAndListsTheLeadForThatUserOnly()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Accepted);
        using var admin = await _factory.SignInAsync("admin@contoso.test");
        using var referrals = await _factory.SignInAsync("referrals@contoso.test");
        var page = await admin.GetPageAsync(LeadPage.Url(id));
        Assert.Equal("false", page.QuerySelector("[data-testid=favorite]")!.GetAttribute("aria-pressed"));

        var response = await admin.SubmitAsync(page, $"form[action='/leads/{id}/favorite']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(LeadPage.Url(id), response.Headers.Location!.OriginalString);
        Assert.Equal(["admin@contoso.test"], await FavoritedByAsync(id));
        var after = await admin.FollowAsync(response);
        Assert.Equal("true", after.QuerySelector("[data-testid=favorite]")!.GetAttribute("aria-pressed"));
        Assert.True(await ListsAsync(admin, id));
        Assert.False(await ListsAsync(referrals, id));
        var pageOfReferrals = await referrals.GetPageAsync(LeadPage.Url(id));
        Assert.Equal("false", pageOfReferrals.QuerySelector("[data-testid=favorite]")!.GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Favorite_WithAReturnUrl_RedirectsThere()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.PostWithTokenAsync(ActionBodies.Route(id, "favorite"),
            new Dictionary<string, string> { ["returnUrl"] = "/leads/marketplace?stage=received" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/leads/marketplace?stage=received", response.Headers.Location!.OriginalString);
        Assert.True(await ListsAsync(client, id));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    public async Task Favorite_WithAReturnUrlToAnotherSite_RedirectsToTheLeadInstead(string returnUrl)
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.PostWithTokenAsync(ActionBodies.Route(id, "favorite"), new Dictionary<string, string> { ["returnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(LeadPage.Url(id), response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Favorite_PostedTwice_RemovesTheFavoriteAgain()
    {
        var id = await _factory.CreateLeadAsync(LeadState.ArchivedWon);
        using var client = await _factory.SignInAsync("referrals@contoso.test");
        var page = await client.GetPageAsync(LeadPage.Url(id));
        var first = await client.SubmitAsync(page, $"form[action='/leads/{id}/favorite']");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.True(await ListsAsync(client, id));
        var favorited = await client.FollowAsync(first);

        var second = await client.SubmitAsync(favorited, $"form[action='/leads/{id}/favorite']");

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Empty(await FavoritedByAsync(id));
        Assert.False(await ListsAsync(client, id));
        Assert.Equal("false", (await client.FollowAsync(second)).QuerySelector("[data-testid=favorite]")!.GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Favorite_AskedForJson_AnswersTheNewStateEachTime()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        var before = await _factory.SnapshotAsync(id);
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var on = await ToggleAsJsonAsync(client, id);

        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal("application/json", on.Content.Headers.ContentType!.MediaType);
        using (var json = JsonDocument.Parse(await on.Content.ReadAsStringAsync()))
        {
            Assert.Equal(id, json.RootElement.GetProperty("id").GetInt64());
            Assert.True(json.RootElement.GetProperty("favorite").GetBoolean());
        }

        Assert.Equal(["admin@contoso.test"], await FavoritedByAsync(id));

        var off = await ToggleAsJsonAsync(client, id);

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        using (var json = JsonDocument.Parse(await off.Content.ReadAsStringAsync()))
        {
            Assert.Equal(id, json.RootElement.GetProperty("id").GetInt64());
            Assert.False(json.RootElement.GetProperty("favorite").GetBoolean());
        }

        Assert.Empty(await FavoritedByAsync(id));
        Assert.Equal(before, await _factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task Favorite_OfTwoUsers_AreIndependent()
    {
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        using var admin = await _factory.SignInAsync("admin@contoso.test");
        using var referrals = await _factory.SignInAsync("referrals@contoso.test");
        Assert.Equal(HttpStatusCode.OK, (await ToggleAsJsonAsync(admin, id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ToggleAsJsonAsync(referrals, id)).StatusCode);

        var adminOff = await ToggleAsJsonAsync(admin, id);

        using var json = JsonDocument.Parse(await adminOff.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("favorite").GetBoolean());
        Assert.Equal(["referrals@contoso.test"], await FavoritedByAsync(id));
        Assert.False(await ListsAsync(admin, id));
        Assert.True(await ListsAsync(referrals, id));
    }
}
