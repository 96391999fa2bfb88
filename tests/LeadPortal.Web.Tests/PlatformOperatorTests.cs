using System.Net;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Infrastructure;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The platform operator stands apart from every organization: the job dashboard, which runs and deletes every
/// organization's jobs, is theirs alone, and they see no organization's leads. And a session ends for every copy of
/// its cookie when the user signs out.
/// </summary>
[Collection(nameof(HangfireDashboardTests))] // The dashboard reads Hangfire's process-wide storage: it runs alone.
public sealed class PlatformOperatorTests : IClassFixture<PortalFactory>
{
    private const string Operator = "operator@leadportal.test";
    private readonly PortalFactory _factory;

    public PlatformOperatorTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("admin@contoso.test")]
    [InlineData("referrals@contoso.test")]
    public async Task JobDashboard_IsRefusedToAnOrganizationsUsers(string email)
    {
        using var client = await _factory.SignInAsync(email);

        foreach (var url in new[] { "/hangfire", "/hangfire/recurring" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        // Nor can they trigger or delete a recurring job through the dashboard's own endpoints.
        var trigger = await client.PostFormAsync("/hangfire/recurring/trigger", new Dictionary<string, string> { ["jobs[]"] = "lead-expiry" });
        Assert.NotEqual(HttpStatusCode.OK, trigger.StatusCode);
        var delete = await client.PostFormAsync("/hangfire/recurring/remove", new Dictionary<string, string> { ["jobs[]"] = "lead-expiry" });
        Assert.NotEqual(HttpStatusCode.OK, delete.StatusCode);
    }

    [Fact]
    public async Task Operator_LandsOnTheJobDashboard_AndSeesNoOrganizationsLeads()
    {
        using var client = _factory.CreatePortalClient();
        var signIn = await client.SignInAsync(Operator, DemoDataSeeder.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/hangfire", signIn.Headers.Location!.OriginalString);

        var dashboard = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("LeadPortal jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var leadId = await _factory.WithDbAsync(db => db.EveryOrganizationsLeads.Select(l => l.Id).FirstAsync());
        foreach (var url in new[] { "/leads/marketplace", "/leads/qualified", $"/leads/{leadId}", "/insights", "/settings/api-keys", "/profile" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.NotFound or HttpStatusCode.Forbidden,
                $"{url} answered {(int)response.StatusCode} to the platform operator");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/account/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task CreateOperatorCommand_CreatesAnOperatorInNoOrganization()
    {
        var exitCode = await AdminCommand.RunAsync(_factory.Services,
            [AdminCommand.OperatorName, "--email", "ops@platform.test", "--password", "Operator!2026x"]);

        Assert.Equal(0, exitCode);
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("ops@platform.test");
        Assert.NotNull(user);
        Assert.Null(user.OrganizationId);
        Assert.True(await users.IsInRoleAsync(user, Roles.PlatformOperator));
        Assert.False(await users.IsInRoleAsync(user, Roles.PartnerAdmin));
        using var client = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("ops@platform.test", "Operator!2026x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsEveryCopyOfTheSessionsCookie_WithinAMinute()
    {
        // Two sessions of one user: a browser's, and a copy of another sign-in's cookie replayed by hand.
        using var client = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("admin@fabrikam.test", DemoDataSeeder.Password)).StatusCode);
        using var copy = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await SignInCookieAsync("admin@fabrikam.test");
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(copy, cookie)).StatusCode);

        var page = await client.GetPageAsync("/leads/marketplace");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "form[action='/account/logout']")).StatusCode);
        // The stamp is checked once a minute (Program.cs); the portal's clock moves past that.
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));

        var afterSignOut = await GetWithCookieAsync(copy, cookie);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/account/login", afterSignOut.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Signs in on a client without a cookie jar and returns the cookies the sign-in answered with.</summary>
    private async Task<string> SignInCookieAsync(string email)
    {
        using var raw = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await raw.GetAsync("/account/login");
        var antiforgery = CookiesOf(login);
        var html = await PortalClient.ParseAsync(login);
        var token = html.QuerySelector("form[action='/account/login'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = DemoDataSeeder.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);
        var signIn = await raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return CookiesOf(signIn);
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/leads/marketplace");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }
}
