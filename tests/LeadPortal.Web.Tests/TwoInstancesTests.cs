using System.Net;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

/// <summary>
/// Two portal hosts on one database, as behind a reverse proxy: what one instance issues (the sign-in cookie, a
/// form's antiforgery token) the other accepts, because the Data Protection keys are in the database.
/// </summary>
public sealed class TwoInstancesTests : IDisposable
{
    private readonly PortalFactory _a = new();
    private readonly PortalFactory _b;

    public TwoInstancesTests() => _b = new PortalFactory(_a.Database);

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }

    [Fact]
    public async Task SignedInOnA_OpensAndActsOnALeadOnB()
    {
        await _a.SeededAsync();
        var id = await _a.CreateLeadAsync(LeadState.Received);
        // One browser: one cookie jar, whichever instance answers.
        var cookies = new CookieContainer();
        using var onA = new PortalClient(_a.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
        using var onB = new PortalClient(_b.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));

        var signIn = await onA.SignInAsync("admin@contoso.test", DemoDataSeeder.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var list = await onB.GetAsync("/leads/marketplace");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Ava Admin", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The form comes from A (its antiforgery token and cookie), the post goes to B.
        var page = await onA.GetPageAsync(LeadPage.Url(id));
        var hearted = await onB.SubmitAsync(page, $"form[action='/leads/{id}/favorite']");
        Assert.Equal(HttpStatusCode.Redirect, hearted.StatusCode);
        Assert.Equal(1, await _a.WithDbAsync(db => db.FavoriteLeads.CountAsync(f => f.LeadId == id)));

        // One key ring, in the shared database.
        Assert.Equal(1, await _a.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task WithoutTheSharedKeys_BRejectsACookieFromA()
    {
        // The control: a host on another database (another key ring) does not take A's cookie, so the test above
        // passes because of the shared keys, not because every host in this process would share a key folder.
        await _a.SeededAsync();
        using var other = new PortalFactory();
        await other.SeededAsync();
        var cookies = new CookieContainer();
        using var onA = new PortalClient(_a.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));
        using var onOther = new PortalClient(other.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)));

        await onA.SignInAsync("admin@contoso.test", DemoDataSeeder.Password);
        var list = await onOther.GetAsync("/leads/marketplace");

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Contains("/account/login", list.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
