using System.Net;
using System.Net.Http.Headers;
using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>API keys: created and revoked by a PartnerAdmin on the settings page; a missing, wrong or revoked key is a 401 problem.</summary>
public sealed class ReferralsApiAuthTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public ReferralsApiAuthTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var problem = await response.JsonAsync();
        Assert.Equal(401, problem["status"]!.GetValue<int>());
        Assert.Equal(detail, problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoKey_Answers401Problem_OnEveryEndpoint()
    {
        using var api = _factory.ApiClient(null);
        var id = await _factory.CreateLeadAsync(LeadState.Received);
        var company = ReferralsApi.UniqueCompany("No Key");

        var responses = new[]
        {
            await api.GetAsync(new Uri(ReferralsApi.Base, UriKind.Relative)),
            await api.GetAsync(new Uri(ReferralsApi.Url(id), UriKind.Relative)),
            await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company)),
            await api.PostJsonAsync(ReferralsApi.Url(id, "accept"), ReferralsApi.AcceptBody(_factory.Today().AddDays(30))),
            await api.PostJsonAsync(ReferralsApi.Url(id, "decline"), new System.Text.Json.Nodes.JsonObject { ["reason"] = "NotAFit" }),
            await api.SendJsonAsync(HttpMethod.Patch, ReferralsApi.Url(id), new System.Text.Json.Nodes.JsonObject { ["dealName"] = "x" }),
        };

        foreach (var response in responses)
        {
            await AssertUnauthorizedAsync(response, "Send the key in the Authorization header: Bearer lp_….");
        }

        Assert.Empty(await _factory.LeadsOfCompanyAsync(company));
        Assert.Equal(LeadPortal.Core.Leads.LeadStage.Received, (await _factory.LoadLeadAsync(id)).Stage);
    }

    [Fact]
    public async Task SignedInBrowserCookie_IsNotAnApiKey()
    {
        using var browser = await _factory.SignInAsync("admin@contoso.test");

        var response = await browser.GetAsync(ReferralsApi.Base);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("lp_0123456789_notthesecretofanykey")]
    [InlineData("not-a-key")]
    [InlineData("lp__")]
    [InlineData("REALPREFIX")]
    public async Task WrongKey_Answers401Problem(string presented)
    {
        var real = await _factory.CreateApiKeyAsync("admin@contoso.test");
        var key = presented == "REALPREFIX" ? $"lp_{real.Prefix}_wrongsecretwrongsecretwrongsecret" : presented;
        using var bearer = _factory.ApiClient(key);
        using var header = _factory.ApiClient(null);
        header.DefaultRequestHeaders.Add("X-Api-Key", key);

        var viaBearer = await bearer.GetAsync(new Uri(ReferralsApi.Base, UriKind.Relative));
        var viaHeader = await header.GetAsync(new Uri(ReferralsApi.Base, UriKind.Relative));

        await AssertUnauthorizedAsync(viaBearer, "The API key is not valid.");
        await AssertUnauthorizedAsync(viaHeader, "The API key is not valid.");
    }

    [Fact]
    public async Task KeyFromTheSettingsPage_WorksAsBearerAndAsXApiKey_AndIsShownOnlyOnce()
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test", name: "Shown once");
        using var bearer = _factory.ApiClient(key.FullKey);
        using var header = _factory.ApiClient(null);
        header.DefaultRequestHeaders.Add("X-Api-Key", key.FullKey);

        var viaBearer = await bearer.GetAsync(new Uri(ReferralsApi.Base + "?limit=1", UriKind.Relative));
        var viaHeader = await header.GetAsync(new Uri(ReferralsApi.Base + "?limit=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, viaBearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
        Assert.Matches("^lp_[0-9a-f]{10}_[A-Za-z0-9-]+$", key.FullKey);
        using var admin = await _factory.SignInAsync("admin@contoso.test");
        var later = await admin.GetPageAsync(ReferralsApi.KeysPage);
        Assert.Null(later.QuerySelector("[data-testid=new-key-value]"));
        Assert.DoesNotContain(key.FullKey, later.Source.Text, StringComparison.Ordinal);
        Assert.Contains($"lp_{key.Prefix}_…", later.QuerySelector($"tr[data-key-id='{key.Id}']")!.TextContent, StringComparison.Ordinal);
        var stored = await _factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == key.Id));
        Assert.Equal(await _factory.OrganizationIdAsync("contoso"), stored.OrganizationId);
        Assert.NotEqual(key.FullKey, stored.SecretHash);
        Assert.DoesNotContain(key.FullKey.Split('_')[2], stored.SecretHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedKey_IsRefused_AndSendsNothing()
    {
        var key = await _factory.CreateApiKeyAsync("admin@fabrikam.test", name: "Soon revoked");
        using var api = _factory.ApiClient(key.FullKey);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri(ReferralsApi.Base + "?limit=1", UriKind.Relative))).StatusCode);
        var company = ReferralsApi.UniqueCompany("Revoked");

        var page = await _factory.RevokeApiKeyAsync("admin@fabrikam.test", key.Id);
        var list = await api.GetAsync(new Uri(ReferralsApi.Base, UriKind.Relative));
        var create = await api.PostJsonAsync(ReferralsApi.Base, ReferralsApi.NewReferral("contoso", company));

        Assert.Equal("The key \"Soon revoked\" is revoked: calls with it are now refused.", LeadPage.SuccessFlash(page));
        Assert.Contains("Revoked", LeadPage.Text(page.QuerySelector($"tr[data-key-id='{key.Id}']")), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"form[action='/settings/api-keys/{key.Id}/revoke']"));
        await AssertUnauthorizedAsync(list, "The API key was revoked.");
        await AssertUnauthorizedAsync(create, "The API key was revoked.");
        Assert.Empty(await _factory.LeadsOfCompanyAsync(company));
    }

    [Fact]
    public async Task AnotherOrganizationsAdmin_CannotRevokeAKey()
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var fabrikam = await _factory.SignInAsync("admin@fabrikam.test");

        var response = await fabrikam.PostWithTokenAsync($"/settings/api-keys/{key.Id}/revoke", new Dictionary<string, string>(), ReferralsApi.KeysPage);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await _factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == key.Id))).RevokedAtUtc);
        using var api = _factory.ApiClient(key.FullKey);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri(ReferralsApi.Base + "?limit=1", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ReferralsAdmin_CannotOpenOrCreateApiKeys()
    {
        using var referrals = await _factory.SignInAsync("referrals@contoso.test");
        var token = LeadPage.AntiforgeryToken(await referrals.GetPageAsync("/leads/marketplace"));
        var keysBefore = await _factory.WithDbAsync(db => db.ApiKeys.CountAsync());

        var open = await referrals.GetAsync(ReferralsApi.KeysPage);
        var create = await referrals.PostFormAsync(ReferralsApi.KeysPage, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Name"] = "Sneaky",
        });

        foreach (var response in new[] { open, create })
        {
            Assert.True(
                response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/account/denied", StringComparison.Ordinal)),
                $"Expected 403 or a redirect to /account/denied, got {(int)response.StatusCode}.");
        }

        Assert.Equal(keysBefore, await _factory.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Theory]
    [InlineData("", "https://crm.example/hook", "Name", "Enter the name.")]
    [InlineData("CRM", "crm.example/hook", "WebhookUrl", "Enter a full address starting with https://.")]
    public async Task CreatingAKeyWithABadField_ShowsTheMessage_AndCreatesNoKey(string name, string webhookUrl, string field, string message)
    {
        using var admin = await _factory.SignInAsync("admin@contoso.test");
        var page = await admin.GetPageAsync(ReferralsApi.KeysPage);
        var keysBefore = await _factory.WithDbAsync(db => db.ApiKeys.CountAsync());

        var response = await admin.SubmitWithAsync(page, "#api-key-form", [("Name", name), ("WebhookUrl", webhookUrl)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var shown = await PortalClient.ParseAsync(response);
        Assert.Equal(new Dictionary<string, string> { [field] = message }, LeadPage.FieldMessages(shown));
        Assert.Null(shown.QuerySelector("[data-testid=new-key-value]"));
        Assert.Equal(keysBefore, await _factory.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task BearerScheme_IsAcceptedInAnyCase()
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(null);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", key.FullKey);

        var response = await api.GetAsync(new Uri(ReferralsApi.Base + "?limit=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
