using System.Net;
using LeadPortal.Web.Tests.Support;

namespace LeadPortal.Web.Tests;

/// <summary>The OpenAPI document and the reference page that reads it, both public.</summary>
public sealed class ReferralsApiDocsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task OpenApiDocument_ListsTheReferralsEndpoints_AndNothingElse()
    {
        using var visitor = factory.CreateClient();

        var response = await visitor.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();
        Assert.Equal("LeadPortal referrals API", document["info"]!["title"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject();
        Assert.Equal(
            ["/api/v1/referrals", "/api/v1/referrals/{id}", "/api/v1/referrals/{id}/accept", "/api/v1/referrals/{id}/decline",
             "/api/v1/referrals/{id}/lost", "/api/v1/referrals/{id}/won"],
            paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["get", "post"], paths["/api/v1/referrals"]!.AsObject().Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["get", "patch"], paths["/api/v1/referrals/{id}"]!.AsObject().Select(o => o.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApiDocs_RedirectsToTheReferencePage_WhichReadsTheOpenApiDocument()
    {
        using var visitor = factory.CreatePortalClient();

        var redirect = await visitor.GetAsync("/api/docs");
        var page = await visitor.GetAsync("/api-reference/index.html");
        var script = await visitor.GetAsync("/api-reference/init.js");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/api-reference/index.html", redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script src=\"/api-reference/init.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("url: '/openapi/v1.json'", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/lib/swagger-ui/swagger-ui-bundle.js")).StatusCode);
    }
}
