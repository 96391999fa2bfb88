using LeadPortal.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Web.Tests;

public sealed class ApiKeyUsageTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public ApiKeyUsageTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task ACall_RecordsWhenTheKeyWasLastUsed_AndTheSettingsPageShowsIt()
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test", name: "Usage probe");
        using var settings = await _factory.SignInAsync("admin@contoso.test");
        var before = await settings.GetPageAsync("/settings/api-keys");
        Assert.Equal("Never", before.QuerySelector($"tr[data-key-id='{key.Id}'] [data-testid=last-used]")!.TextContent.Trim());

        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        using var api = _factory.ApiClient(key.FullKey);
        var response = await api.GetAsync(new Uri("/api/v1/referrals?limit=1", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        var stored = await _factory.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == key.Id));
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, stored.LastUsedAtUtc);
        var after = await settings.GetPageAsync("/settings/api-keys");
        Assert.NotEqual("Never", after.QuerySelector($"tr[data-key-id='{key.Id}'] [data-testid=last-used]")!.TextContent.Trim());
    }
}
