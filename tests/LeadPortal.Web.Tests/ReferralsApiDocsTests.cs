using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
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
    public async Task OpenApiDocument_StatesTheRealTypes_AnIdAndTheErrorsOfEveryOperation_AndTheKeyScheme()
    {
        var document = await DocumentAsync();

        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!.AsObject())).ToList();
        Assert.Equal(8, operations.Count);
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty(o["operationId"]?.GetValue<string>())));
        Assert.Equal(operations.Count, operations.Select(o => o["operationId"]!.GetValue<string>()).Distinct().Count());
        Assert.All(operations, o => Assert.Contains(o["responses"]!.AsObject(), r => r.Key.StartsWith('4')));
        Assert.All(operations, o => Assert.Contains("application/problem+json", o["responses"]!["401"]!["content"]!.AsObject().Select(c => c.Key)));
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["apiKey"]!["scheme"]!.GetValue<string>());
        Assert.True(document["security"]![0]!.AsObject().ContainsKey("apiKey"));
        // Enums as the strings the API reads and writes, not integers.
        var leadType = document["components"]!["schemas"]!.AsObject().Single(s => s.Key == "LeadType").Value!;
        Assert.Equal(["customerInquiry", "marketingQualified", "salesQualified"], leadType["enum"]!.AsArray().OfType<JsonNode>().Select(v => v.GetValue<string>()));
    }

    [Fact]
    [Trait(Runs.Trait, Runs.OnSqliteOnly)]
    public async Task OpenApiDocument_PassesRedoclysRecommendedRules()
    {
        var tools = Path.Combine(PortalFactory.RepositoryRoot(), "tools", "openapi-lint");
        var cli = Path.Combine(tools, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"Redocly CLI is not installed: run npm ci in {tools} (test.sh does).");
        var file = Path.Combine(Path.GetTempPath(), $"leadportal-openapi-{Guid.NewGuid():N}.json");
        // As served to a deployment's own host (the document's server is the host it was asked on; the linter flags localhost).
        await File.WriteAllTextAsync(file, (await DocumentAsync("portal.leadportal.com")).ToJsonString());
        try
        {
            using var lint = Process.Start(new ProcessStartInfo("node", [cli, "lint", file, "--config", Path.Combine(tools, "redocly.yaml"), "--format", "stylish"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            })!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();

            var report = await output + await errors;
            Assert.True(lint.ExitCode == 0, report);
            // Its findings are lines "line:column  error|warning  rule  message".
            Assert.DoesNotMatch(@"\d+:\d+\s+(error|warning)\s", report);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<JsonNode> DocumentAsync(string? host = null)
    {
        using var visitor = factory.CreateClient();
        visitor.DefaultRequestHeaders.Host = host;
        var response = await visitor.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
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
