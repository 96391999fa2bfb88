using System.Net;
using LeadPortal.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace LeadPortal.Web.Tests;

/// <summary>Past its calls a minute, a key is answered 429 as a problem, with Retry-After.</summary>
public sealed class ReferralsApiRateLimitTests(ReferralsApiRateLimitTests.TwoCallsAMinute factory) : IClassFixture<ReferralsApiRateLimitTests.TwoCallsAMinute>
{
    public sealed class TwoCallsAMinute : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:ApiPermitLimit", "2");
        }
    }

    [Fact]
    public async Task ThirdCall_IsA429Problem_WithRetryAfter()
    {
        await factory.SeededAsync();
        var key = await factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = factory.ApiClient(key.FullKey);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/referrals", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/referrals", UriKind.Relative))).StatusCode);
        var third = await api.GetAsync(new Uri("/api/v1/referrals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(third.Headers.RetryAfter?.Delta);
        var problem = await third.JsonAsync();
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.Contains("2 calls a minute", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameKey_WrittenAnotherWay_SharesItsAllowance()
    {
        await factory.SeededAsync();
        var key = await factory.CreateApiKeyAsync("admin@contoso.test");
        using var http = factory.CreateClient();

        async Task<HttpStatusCode> CallAsync(string header, string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/referrals");
            request.Headers.TryAddWithoutValidation(header, value);
            return (await http.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await CallAsync("Authorization", "Bearer " + key.FullKey));
        Assert.Equal(HttpStatusCode.OK, await CallAsync("Authorization", "bearer   " + key.FullKey + "  "));
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync("X-Api-Key", key.FullKey));
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync("Authorization", "BEARER " + key.FullKey));

        // Another key has its own allowance.
        var other = await factory.CreateApiKeyAsync("admin@contoso.test");
        Assert.Equal(HttpStatusCode.OK, await CallAsync("Authorization", "Bearer " + other.FullKey));
    }
}
