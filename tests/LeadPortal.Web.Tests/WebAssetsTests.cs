using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;

using LeadPortal.Web.Infrastructure;
using LeadPortal.Web.Tests.Support;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests;

/// <summary>What the browser downloads: compression, static files it may keep, only deferred scripts, icons inline.</summary>
public sealed partial class WebAssetsTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public WebAssetsTests(PortalFactory factory)
    {
        _factory = factory;
        factory.SeededAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task EveryStylesheetAndScriptAPageLinks_IsCachedForAYearAsImmutable()
    {
        using var visitor = _factory.CreatePortalClient();
        var page = await visitor.GetPageAsync("/partners");
        var urls = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();

        Assert.NotEmpty(urls);
        foreach (var url in urls)
        {
            Assert.Contains("?v=", url, StringComparison.Ordinal);
            var response = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(WebAssets.ImmutableCacheControl, response.Headers.CacheControl!.ToString());
        }
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/css/site.css?v=an-older-version")]
    [InlineData("/favicon.ico")]
    public async Task StaticFile_WithoutItsCurrentVersion_IsCachedForAnHourOnly(string url)
    {
        using var visitor = _factory.CreatePortalClient();

        var response = await visitor.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WebAssets.ShortCacheControl, response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Page_OverHttp_IsCompressed(string encoding)
    {
        using var visitor = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/partners");
        request.Headers.Add("Accept-Encoding", encoding);

        var response = await visitor.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("</html>", await DecompressAsync(response, encoding), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverHttps_PagesWithTheAntiforgeryTokenStayUncompressed_ButStaticFilesAreCompressed()
    {
        using var visitor = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, "/partners/contoso");
        pageRequest.Headers.Add("Accept-Encoding", "br, gzip");

        var page = await visitor.SendAsync(pageRequest);
        var html = await page.Content.ReadAsStringAsync();
        var stylesheet = StylesheetHref().Match(html).Groups[1].Value;
        using var cssRequest = new HttpRequestMessage(HttpMethod.Get, WebUtility.HtmlDecode(stylesheet));
        cssRequest.Headers.Add("Accept-Encoding", "br, gzip");
        var css = await visitor.SendAsync(cssRequest);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.Empty(page.Content.Headers.ContentEncoding);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(["br"], css.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task SignedInPage_DrawsIconsAsInlineSvg_AndLoadsNoIconFontAndOnlyDeferredScripts()
    {
        using var admin = await _factory.SignInAsync("admin@contoso.test");

        var page = await admin.GetPageAsync("/leads/marketplace");

        Assert.Empty(page.QuerySelectorAll("i.bi"));
        Assert.DoesNotContain(page.QuerySelectorAll("link[rel=stylesheet]"), l => l.GetAttribute("href")!.Contains("bootstrap-icons", StringComparison.Ordinal));
        Assert.All(page.QuerySelectorAll("script[src]"), s => Assert.True(s.HasAttribute("defer"), s.OuterHtml));
        var menu = page.QuerySelector("button[aria-controls=sidebar] svg.bi.bi-list")!;
        Assert.Equal("true", menu.GetAttribute("aria-hidden"));
        Assert.Equal("1em", menu.GetAttribute("width"));
        Assert.NotEmpty(menu.QuerySelectorAll("path"));
        var heart = page.QuerySelector("tr[data-lead-id] [data-testid=favorite]")!;
        Assert.NotNull(heart.QuerySelector("svg.bi-heart.fs-5"));
        Assert.NotNull(heart.QuerySelector("svg.bi-heart-fill.fs-5"));
    }

    [Fact]
    public void EveryIconAViewNamesLiterally_IsVendored()
    {
        var environment = _factory.Services.GetRequiredService<IWebHostEnvironment>();
        var views = Path.Combine(environment.ContentRootPath, "Views");
        // And the icons tag helpers draw themselves (IconTagHelper.Markup(environment, "heart", …)).
        var features = Path.Combine(environment.ContentRootPath, "Features");
        var names = Directory.EnumerateFiles(views, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => IconName().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Concat(Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
                .SelectMany(file => IconMarkup().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)))
            .Distinct()
            .ToList();

        Assert.Contains("heart-fill", names);
        Assert.All(names, name => Assert.True(
            environment.WebRootFileProvider.GetFileInfo($"lib/bootstrap-icons/icons/{name}.svg").Exists,
            $"The icon \"{name}\" is not vendored: add it to src/LeadPortal.Web/frontend/build.mjs and run npm run build there."));
    }

    private static async Task<string> DecompressAsync(HttpResponseMessage response, string encoding)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decompressed = encoding == "br" ? new BrotliStream(body, CompressionMode.Decompress) : new GZipStream(body, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressed);
        return await reader.ReadToEndAsync();
    }

    // Names chosen by an expression (the lead list's tabs and empty state) are checked by the pages that render them.
    [GeneratedRegex("<icon name=\"([a-z0-9-]+)\"")]
    private static partial Regex IconName();

    [GeneratedRegex("IconTagHelper\\.Markup\\([^,]+, \"([a-z0-9-]+)\"")]
    private static partial Regex IconMarkup();

    [GeneratedRegex("""<link rel="stylesheet" href="([^"]+)" />""")]
    private static partial Regex StylesheetHref();
}
