using System.Net;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>
/// The signed-in user's own account page, and changing the password: a wrong current password or a password Identity
/// refuses is answered next to its field; a change ends the user's other sessions but not this one.
/// </summary>
public sealed class AccountTests : IClassFixture<PortalFactory>
{
    private const string NewPassword = "Changed!Password2027";
    private readonly PortalFactory _factory;

    public AccountTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task AccountPage_ShowsTheUsersNameEmailAndRole_AndTheHeaderLinksToIt()
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var leads = await client.GetPageAsync("/leads/marketplace");
        Assert.Equal("/account", leads.QuerySelector("a[data-testid=user-name]")!.GetAttribute("href"));
        Assert.Equal("/account", leads.QuerySelector("a[data-testid=nav-account]")!.GetAttribute("href"));
        var page = await client.GetPageAsync("/account");

        Assert.Equal("Ava Admin", page.QuerySelector("[data-testid=account-name]")!.TextContent.Trim());
        Assert.Equal("admin@contoso.test", page.QuerySelector("[data-testid=account-email]")!.TextContent.Trim());
        Assert.Equal("Partner admin", page.QuerySelector("[data-testid=account-role]")!.TextContent.Trim());
        Assert.Equal("/account/password", page.QuerySelector("[data-testid=change-password-link]")!.GetAttribute("href"));
        Assert.Equal("/account/two-factor", page.QuerySelector("[data-testid=two-factor-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AccountPage_IsOpenToThePlatformOperator()
    {
        using var client = await _factory.SignInAsync("operator@leadportal.test");

        var page = await client.GetPageAsync("/account");

        Assert.Equal("Platform operator", page.QuerySelector("[data-testid=account-role]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AccountPage_WhenAnonymous_RedirectsToSignIn()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_RendersInTraditionalChinese()
    {
        using var client = await _factory.SignInAsync("referrals@contoso.test");
        var english = await client.GetPageAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(english, "form[data-testid=language-switcher]")).StatusCode);

        var chinese = await client.GetPageAsync("/account");

        Assert.Equal("您的帳戶", chinese.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("轉介管理員", chinese.QuerySelector("[data-testid=account-role]")!.TextContent.Trim());
        Assert.Equal("已關閉：登入時只需輸入密碼。", chinese.QuerySelector("[data-testid=two-factor-status]")!.TextContent.Trim());
        var refused = await client.SubmitAsync(await client.GetPageAsync("/account/password"), "#password-form");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("請輸入目前的密碼。", (await PortalClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for=CurrentPassword]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_Answers422WithTheMessageNextToIt()
    {
        var email = await _factory.CreateUserAsync();
        using var client = await _factory.SignInAsync(email);

        var response = await ChangePasswordAsync(client, "not-my-password", NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("The current password is not right.", page.QuerySelector("[data-valmsg-for=CurrentPassword]")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("#CurrentPassword")!.GetAttribute("aria-invalid"));
        using var fresh = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(email, DemoDataSeeder.Password)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_ThatIdentityRefuses_Answers422WithTheRuleNextToTheNewPassword()
    {
        var email = await _factory.CreateUserAsync();
        using var client = await _factory.SignInAsync(email);

        var response = await ChangePasswordAsync(client, DemoDataSeeder.Password, "short1A", "short1A");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("Use at least 10 characters.", page.QuerySelector("[data-valmsg-for=NewPassword]")!.TextContent.Trim());
        Assert.Equal(string.Empty, page.QuerySelector("[data-valmsg-for=CurrentPassword]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ChangePassword_WithEmptyOrMismatchedFields_Answers422WithAMessageNextToEach()
    {
        var email = await _factory.CreateUserAsync();
        using var client = await _factory.SignInAsync(email);

        var response = await ChangePasswordAsync(client, "", NewPassword, NewPassword + "x");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("Enter your current password.", page.QuerySelector("[data-valmsg-for=CurrentPassword]")!.TextContent.Trim());
        Assert.Equal("The two new passwords are not the same.", page.QuerySelector("[data-valmsg-for=ConfirmPassword]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ChangePassword_WithoutAntiforgeryToken_IsRefused()
    {
        var email = await _factory.CreateUserAsync();
        using var client = await _factory.SignInAsync(email);

        var response = await client.PostFormAsync("/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoDataSeeder.Password,
            ["NewPassword"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_ReplacesThePassword_EndsOtherSessions_AndKeepsThisOne()
    {
        var email = await _factory.CreateUserAsync();
        using var client = await _factory.SignInAsync(email);
        using var otherSession = await _factory.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await otherSession.GetAsync("/account")).StatusCode);

        var response = await ChangePasswordAsync(client, DemoDataSeeder.Password, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location!.OriginalString);
        var account = await client.GetPageAsync("/account");
        Assert.Contains("Your password is changed.", account.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        // The stamp is checked once a minute (Program.cs); the portal's clock moves past that.
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
        var ended = await otherSession.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/account/login", ended.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var fresh = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, (await fresh.SignInAsync(email, DemoDataSeeder.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(email, NewPassword)).StatusCode);
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(PortalClient client, string current, string password, string confirm)
    {
        var page = await client.GetPageAsync("/account/password");
        return await client.SubmitAsync(page, "#password-form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = password,
            ["ConfirmPassword"] = confirm,
        });
    }
}
