using System.Net;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

public sealed class SignInTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public SignInTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task LeadsPage_WhenAnonymous_RedirectsToSignIn()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.GetAsync("/leads/marketplace");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithRightPassword_RedirectsToMarketplaceAndShowsUserAndOrganization()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.SignInAsync("admin@contoso.test", DemoDataSeeder.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/leads/marketplace", response.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync("/leads/marketplace");
        Assert.Equal("Contoso", page.QuerySelector("[data-testid=org-name]")!.TextContent.Trim());
        Assert.Contains("Ava Admin", page.QuerySelector("[data-testid=user-name]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[action='/account/logout']"));
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsMessageAndStaysSignedOut()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.SignInAsync("referrals@contoso.test", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("The email or password is not right.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/leads/marketplace")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithEmptyFields_ShowsAMessageNextToEachField()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.SignInAsync("", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("Enter your email address.", page.QuerySelector("[data-valmsg-for=Email]")!.TextContent.Trim());
        Assert.Equal("Enter your password.", page.QuerySelector("[data-valmsg-for=Password]")!.TextContent.Trim());
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.PostFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Email"] = "admin@contoso.test",
            ["Password"] = DemoDataSeeder.Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = await _factory.SignInAsync("admin@fabrikam.test");
        var page = await client.GetPageAsync("/leads/marketplace");

        var response = await client.SubmitAsync(page, "form[action='/account/logout']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/leads/marketplace")).StatusCode);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_LocksTheAccountUntilTheLockoutEnds()
    {
        using var factory = new PortalFactory();
        await factory.SeededAsync();
        using var client = factory.CreatePortalClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("referrals@contoso.test", "wrong-password-" + i);
        }

        var locked = await client.SignInAsync("referrals@contoso.test", DemoDataSeeder.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        // A locked account gets the answer an unknown address gets: the page tells nobody which addresses exist.
        var lockedError = (await PortalClient.ParseAsync(locked)).QuerySelector("[data-testid=form-error], .alert-danger")?.TextContent.Trim();
        var unknown = await client.SignInAsync("nobody-" + Guid.NewGuid().ToString("N")[..8] + "@contoso.test", DemoDataSeeder.Password);
        var unknownError = (await PortalClient.ParseAsync(unknown)).QuerySelector("[data-testid=form-error], .alert-danger")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(lockedError));
        Assert.Equal(unknownError, lockedError);
        Assert.DoesNotContain("lock", lockedError, StringComparison.OrdinalIgnoreCase);

        // Identity's UserManager reads the system clock for lockouts (it takes no TimeProvider), so the test checks the
        // lockout length that was stored and then ends the lockout the way an administrator would.
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync("referrals@contoso.test"))!;
            var lockoutEnd = await users.GetLockoutEndDateAsync(user);
            Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        var afterLockout = await client.SignInAsync("referrals@contoso.test", DemoDataSeeder.Password);
        Assert.Equal(HttpStatusCode.Redirect, afterLockout.StatusCode);
    }

    [Fact]
    public async Task Health_WhenDatabaseIsReachable_Answers200()
    {
        using var client = _factory.CreatePortalClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
