using System.IO.Compression;

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;

namespace LeadPortal.Web.Infrastructure;

/// <summary>What the browser downloads: compressed responses and static files it may keep.</summary>
public static class WebAssets
{
    /// <summary>A static file under the URL that asp-append-version wrote: that URL's content never changes.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Any other static file (favicon, the API reference page, a hand-typed URL): a deploy reaches everyone within the hour.</summary>
    public const string ShortCacheControl = "public, max-age=3600";

    /// <summary>
    /// Brotli, else gzip, for text responses. Over HTTPS only static files are compressed (<see cref="PrepareStaticFile"/>):
    /// pages stay uncompressed there, as the framework's EnableForHttps = false default has it, because they carry
    /// the antiforgery token and a signed-in user's leads beside text an attacker can put in the URL (the search box,
    /// the language switcher's returnUrl), which is what BREACH needs to read a secret from compressed sizes. Plain
    /// HTTP (development, the benchmarks, behind a proxy that terminates TLS and compresses by its own rules) has no
    /// secret to protect from that attack.
    /// </summary>
    public static IServiceCollection AddLeadPortalResponseCompression(this IServiceCollection services) =>
        // Optimal (Brotli quality 4) takes about 2 ms for the 52 KB stylesheet and sends 11 KB; Fastest sends 15 KB.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
        .Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
        .AddResponseCompression(options =>
        {
            options.EnableForHttps = false;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "image/x-icon"]);
        });

    public static IApplicationBuilder UseLeadPortalStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = PrepareStaticFile });

    private static void PrepareStaticFile(StaticFileResponseContext context)
    {
        var http = context.Context;
        http.Response.Headers.CacheControl = IsCurrentVersion(http) ? ImmutableCacheControl : ShortCacheControl;

        // A static file holds no secret, so it is compressed over HTTPS too.
        if (http.Features.Get<IHttpsCompressionFeature>() is { } compression)
        {
            compression.Mode = HttpsCompressionMode.Compress;
        }
    }

    /// <summary>
    /// True when ?v= is the file's current hash, as asp-append-version computes it: an old or made-up version gets
    /// the short lifetime, so a cache never keeps today's file under another version's URL for a year.
    /// </summary>
    private static bool IsCurrentVersion(HttpContext http)
    {
        var version = http.Request.Query["v"];
        if (version.Count != 1 || string.IsNullOrEmpty(version[0]))
        {
            return false;
        }

        var path = (http.Request.PathBase + http.Request.Path).Value ?? "";
        var versioned = http.RequestServices.GetRequiredService<IFileVersionProvider>().AddFileVersionToPath(http.Request.PathBase, path);
        return string.Equals(versioned, $"{path}?v={version[0]}", StringComparison.Ordinal);
    }
}
