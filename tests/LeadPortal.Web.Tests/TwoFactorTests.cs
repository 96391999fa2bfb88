using System.Net;
using AngleSharp.Html.Dom;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Two-factor sign-in with an authenticator app: turned on with a code computed from the key the page shows, then the
/// password alone no longer signs in; a recovery code works once; turning it off needs the password or a code.
/// </summary>
public sealed class TwoFactorTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public TwoFactorTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Enable_WithACodeFromTheSharedKey_ShowsTenRecoveryCodesOnce_AndTurnsItOn()
    {
        var email = await _factory.CreateUserAsync();
        using var client = await _factory.SignInAsync(email);
        var setup = await SetUpAsync(client);
        Assert.True(setup.Response.Headers.CacheControl?.NoStore);
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", setup.Page.QuerySelector("[data-testid=shared-key]")!.TextContent.Trim());
        Assert.StartsWith("data:image/svg+xml;base64,", setup.Page.QuerySelector("img[data-testid=qr-code]")!.GetAttribute("src"), StringComparison.Ordinal);

        var enabled = await client.SubmitAsync(setup.Page, "#enable-form", new Dictionary<string, string> { ["Code"] = Totp.Code(setup.Key) });

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.True(enabled.Headers.CacheControl?.NoStore);
        var codes = (await PortalClient.ParseAsync(enabled)).QuerySelectorAll("[data-testid=recovery-code]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        var status = await client.GetPageAsync("/account/two-factor");
        Assert.StartsWith("On:", status.QuerySelector("[data-testid=two-factor-status]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(codes[0], status.Body!.OuterHtml, StringComparison.Ordinal);
        // This session was signed in again with the new security stamp; it goes on past the next stamp check.
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task Enable_WithAWrongCode_Answers422WithTheMessageNextToTheCode_AndStaysOff()
    {
        var email = await _factory.CreateUserAsync();
        using var client = await _factory.SignInAsync(email);
        var setup = await SetUpAsync(client);

        var refused = await client.SubmitAsync(setup.Page, "#enable-form", new Dictionary<string, string> { ["Code"] = Totp.WrongCode(setup.Key) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.StartsWith("The code is not right.", page.QuerySelector("[data-valmsg-for=Code]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(setup.Page.QuerySelector("[data-testid=shared-key]")!.TextContent, page.QuerySelector("[data-testid=shared-key]")!.TextContent);
        using var fresh = _factory.CreatePortalClient();
        Assert.Equal("/leads/marketplace", (await fresh.SignInAsync(email, DemoDataSeeder.Password)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WhenTwoFactorIsOn_AsksForTheCode_RefusesAWrongOne_AndKeepsTheReturnUrl()
    {
        var email = await _factory.CreateUserAsync();
        var (key, _) = await EnableAsync(email);
        using var client = _factory.CreatePortalClient();
        var login = await client.GetPageAsync("/account/login?ReturnUrl=%2Faccount");

        var password = await client.SubmitAsync(login, "form[action^='/account/login']", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = DemoDataSeeder.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/login/two-factor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
        var codePage = await client.GetPageAsync(password.Headers.Location.OriginalString);
        Assert.NotNull(codePage.QuerySelector("a[data-testid=recovery-link][href^='/account/login/recovery']"));

        var wrong = await client.SubmitAsync(codePage, "#two-factor-form", new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var wrongPage = await PortalClient.ParseAsync(wrong);
        Assert.StartsWith("The code is not right.", wrongPage.QuerySelector("[data-valmsg-for=Code]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);

        var right = await client.SubmitAsync(wrongPage, "#two-factor-form", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/account", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongCodes_RefusesEvenTheRightOne_WithTheSameMessage()
    {
        var email = await _factory.CreateUserAsync();
        var (key, _) = await EnableAsync(email);
        using var client = _factory.CreatePortalClient();
        var password = await client.SignInAsync(email, DemoDataSeeder.Password);
        var codePage = await client.GetPageAsync(password.Headers.Location!.OriginalString);
        string? wrongMessage = null;
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.SubmitAsync(codePage, "#two-factor-form", new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key) });
            wrongMessage = (await PortalClient.ParseAsync(wrong)).QuerySelector("[data-valmsg-for=Code]")!.TextContent.Trim();
        }

        var locked = await client.SubmitAsync(codePage, "#two-factor-form", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, locked.StatusCode);
        Assert.Equal(wrongMessage, (await PortalClient.ParseAsync(locked)).QuerySelector("[data-valmsg-for=Code]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithRememberThisBrowser_SetsTheRememberCookie()
    {
        var email = await _factory.CreateUserAsync();
        var (key, _) = await EnableAsync(email);
        using var client = _factory.CreatePortalClient();
        var password = await client.SignInAsync(email, DemoDataSeeder.Password);
        var codePage = await client.GetPageAsync(password.Headers.Location!.OriginalString);

        var signedIn = await client.SubmitAsync(codePage, "#two-factor-form", new Dictionary<string, string> { ["Code"] = Totp.Code(key), ["RememberMachine"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Identity.TwoFactorRememberMe=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Operator_WithTwoFactor_StillLandsOnTheJobDashboard()
    {
        var email = await _factory.CreateOperatorAsync();
        var (key, _) = await EnableAsync(email);
        using var client = _factory.CreatePortalClient();
        var password = await client.SignInAsync(email, DemoDataSeeder.Password);
        var codePage = await client.GetPageAsync(password.Headers.Location!.OriginalString);

        var signedIn = await client.SubmitAsync(codePage, "#two-factor-form", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/hangfire", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithoutThePasswordStep_HasNoCodePage()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.GetAsync("/account/login/two-factor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var email = await _factory.CreateUserAsync();
        var (_, codes) = await EnableAsync(email);

        using (var first = _factory.CreatePortalClient())
        {
            var used = await RecoverAsync(first, email, codes[3]);
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
            Assert.Equal("/leads/marketplace", used.Headers.Location!.OriginalString);
            var status = await first.GetPageAsync("/account/two-factor");
            Assert.Equal("9 unused recovery codes left.", status.QuerySelector("[data-testid=recovery-codes-left]")!.TextContent.Trim());
        }

        using var second = _factory.CreatePortalClient();
        var again = await RecoverAsync(second, email, codes[3]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.StartsWith("That recovery code is not right", (await PortalClient.ParseAsync(again)).QuerySelector("[data-valmsg-for=RecoveryCode]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheEarlierOnes()
    {
        var email = await _factory.CreateUserAsync();
        var (key, codes) = await EnableAsync(email);
        using var client = await SignInWithCodeAsync(email, key);

        var status = await client.GetPageAsync("/account/two-factor");
        var renewed = await client.SubmitAsync(status, "#recovery-codes-form");

        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var newCodes = (await PortalClient.ParseAsync(renewed)).QuerySelectorAll("[data-testid=recovery-code]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(codes));
        using var other = _factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RecoverAsync(other, email, codes[0])).StatusCode);
    }

    [Fact]
    public async Task Disable_NeedsThePassword_ThenSignInAsksOnlyForThePassword()
    {
        var email = await _factory.CreateUserAsync();
        var (key, _) = await EnableAsync(email);
        using var client = await SignInWithCodeAsync(email, key);
        var status = await client.GetPageAsync("/account/two-factor");

        var refused = await client.SubmitAsync(status, "#disable-form", new Dictionary<string, string> { ["Password"] = "not-my-password" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("The password is not right.", (await PortalClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for=Password]")!.TextContent.Trim());

        var disabled = await client.SubmitAsync(status, "#disable-form", new Dictionary<string, string> { ["Password"] = DemoDataSeeder.Password });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        var after = await client.GetPageAsync("/account/two-factor");
        Assert.StartsWith("Off:", after.QuerySelector("[data-testid=two-factor-status]")!.TextContent.Trim(), StringComparison.Ordinal);
        using var fresh = _factory.CreatePortalClient();
        Assert.Equal("/leads/marketplace", (await fresh.SignInAsync(email, DemoDataSeeder.Password)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Disable_WithACurrentCode_TurnsItOff()
    {
        var email = await _factory.CreateUserAsync();
        var (key, _) = await EnableAsync(email);
        using var client = await SignInWithCodeAsync(email, key);
        var status = await client.GetPageAsync("/account/two-factor");

        var disabled = await client.SubmitAsync(status, "#disable-form", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.StartsWith("Off:", (await client.GetPageAsync("/account/two-factor")).QuerySelector("[data-testid=two-factor-status]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    private sealed record Setup(HttpResponseMessage Response, IHtmlDocument Page, string Key);

    private static async Task<Setup> SetUpAsync(PortalClient client)
    {
        var status = await client.GetPageAsync("/account/two-factor");
        var setUp = await client.SubmitAsync(status, "#setup-form");
        Assert.Equal(HttpStatusCode.Redirect, setUp.StatusCode);
        var response = await client.GetAsync(setUp.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return new Setup(response, page, key);
    }

    /// <summary>Turns two-factor sign-in on for <paramref name="email"/> through the pages; returns the key and the recovery codes.</summary>
    private async Task<(string Key, List<string> Codes)> EnableAsync(string email)
    {
        using var client = await _factory.SignInAsync(email);
        var setup = await SetUpAsync(client);
        var enabled = await client.SubmitAsync(setup.Page, "#enable-form", new Dictionary<string, string> { ["Code"] = Totp.Code(setup.Key) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = (await PortalClient.ParseAsync(enabled)).QuerySelectorAll("[data-testid=recovery-code]").Select(c => c.TextContent.Trim()).ToList();
        return (setup.Key, codes);
    }

    private async Task<PortalClient> SignInWithCodeAsync(string email, string key)
    {
        var client = _factory.CreatePortalClient();
        var password = await client.SignInAsync(email, DemoDataSeeder.Password);
        var codePage = await client.GetPageAsync(password.Headers.Location!.OriginalString);
        var signedIn = await client.SubmitAsync(codePage, "#two-factor-form", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> RecoverAsync(PortalClient client, string email, string code)
    {
        var password = await client.SignInAsync(email, DemoDataSeeder.Password);
        Assert.StartsWith("/account/login/two-factor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var recovery = await client.GetPageAsync("/account/login/recovery");
        return await client.SubmitAsync(recovery, "#recovery-form", new Dictionary<string, string> { ["RecoveryCode"] = code });
    }
}
