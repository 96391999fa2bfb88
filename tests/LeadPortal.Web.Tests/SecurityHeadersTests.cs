using System.Net;
using System.Text.RegularExpressions;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Every answer carries the policy that runs only the portal's own script files and lets no page be framed; the pages
/// hold no inline script or style for it to block; over https the browser is told to stay on https and the cookies
/// are secure.
/// </summary>
public sealed partial class SecurityHeadersTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public SecurityHeadersTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    public static TheoryData<string> Pages => new()
    {
        "/leads/marketplace", "/leads/qualified?q=a", "/leads/favorites", "/insights", "/profile", "/settings/api-keys",
        "/partners", "/account/login", "/account/denied", "/no-such-page", "/healthz", "/css/site.css", "/api/docs",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryAnswer_CarriesTheStrictPolicyAndTheHeaders(string url)
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.GetAsync(url);

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/leads/marketplace")]
    [InlineData("/insights")]
    [InlineData("/profile")]
    [InlineData("/settings/api-keys")]
    [InlineData("/partners")]
    [InlineData("/account/login")]
    public async Task Pages_HoldNoInlineScriptOrStyleForThePolicyToBlock(string url)
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");
        var contoso = await _factory.OrganizationIdAsync("contoso");
        var leadId = await _factory.WithDbAsync(db => db.EveryOrganizationsLeads.Where(l => l.OrganizationId == contoso).Select(l => l.Id).FirstAsync());
        var slug = await _factory.WithDbAsync(db => db.BusinessProfiles.Where(p => p.IsPublished).Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => o.Slug).FirstAsync());

        foreach (var page in new[] { url, $"/leads/{leadId}", $"/partners/{slug}" })
        {
            var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
        }
    }

    [Fact]
    public async Task OverHttps_TheBrowserIsToldToStayOnHttps_AndTheCookiesAreSecure()
    {
        using var https = new PortalClient(_factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://portal.leadportal.test"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));

        var login = await https.GetAsync("/account/login");
        Assert.Contains("max-age=", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var signIn = await https.SignInAsync("admin@contoso.test", DemoDataSeeder.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("LeadPortal.Auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[a-z][^>]*\s(style|on[a-z]+)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();
}
