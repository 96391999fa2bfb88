using System.Net;
using System.Text;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>
/// What a person can type into an address or send by hand is answered with a page or a problem, never with a 5xx:
/// list cursors that are not ours, periods at the ends of the calendar, status codes out of range on the error route,
/// a JSON body in another charset.
/// </summary>
public sealed class TamperedInputTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public TamperedInputTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("/leads/marketplace?after=zzzz", HttpStatusCode.OK)]
    [InlineData("/leads/marketplace?after=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.OK)]
    [InlineData("/leads/marketplace?after=9999-12-31T23%3A59%3A59.9999999_9223372036854775807", HttpStatusCode.OK)]
    [InlineData("/leads/marketplace?page=-1&sort=zzz&dir=qq&stage=x&outcome=y&type=z", HttpStatusCode.OK)]
    [InlineData("/insights?period=custom&from=0001-01-01&to=9999-12-31", HttpStatusCode.OK)]
    [InlineData("/insights?from=9999-12-31&to=9999-12-31", HttpStatusCode.OK)]
    [InlineData("/insights?from=0001-01-01&to=0001-01-02", HttpStatusCode.OK)]
    [InlineData("/error", HttpStatusCode.NotFound)]
    [InlineData("/error/", HttpStatusCode.NotFound)]
    [InlineData("/error/99999", HttpStatusCode.NotFound)]
    [InlineData("/error/-5", HttpStatusCode.NotFound)]
    [InlineData("/error/200", HttpStatusCode.NotFound)]
    [InlineData("/error/503", HttpStatusCode.ServiceUnavailable)]
    public async Task TamperedAddress_IsAnsweredWithAPage(string url, HttpStatusCode expected)
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task InsightsEndingOnTheCalendarsLastDay_SaysTheDateIsNotValid()
    {
        using var client = await _factory.SignInAsync("admin@contoso.test");

        var page = await client.GetPageAsync("/insights?from=9999-12-30&to=9999-12-31");

        Assert.NotNull(page.QuerySelector("[data-testid=period-error]"));
    }

    [Theory]
    [InlineData("?after=zzz")]
    [InlineData("?after=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("?limit=99999999999")]
    public async Task ApiListWithATamperedQuery_IsA400Problem(string query)
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);

        var response = await api.GetAsync(new Uri("/api/v1/referrals" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("application/json; charset=utf-16", HttpStatusCode.BadRequest)]
    [InlineData("application/json; charset=klingon", HttpStatusCode.UnsupportedMediaType)]
    public async Task ApiBodyInAnotherCharset_IsAProblem(string contentType, HttpStatusCode expected)
    {
        var key = await _factory.CreateApiKeyAsync("admin@contoso.test");
        using var api = _factory.ApiClient(key.FullKey);
        using var body = new ByteArrayContent(Encoding.Unicode.GetBytes("""{"type":"SalesQualified"}"""));
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await api.PostAsync(new Uri("/api/v1/referrals", UriKind.Relative), body);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
