namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// The headers every answer carries: a Content-Security-Policy that runs only the portal's own script files (no inline
/// script, no other origin), lets no page be framed, and sends forms only back here; nosniff; and a referrer that
/// names only the origin to other sites. Partner logos are images from the partners' own https addresses. The job
/// dashboard and the API reference are third-party pages that write inline script and style: theirs is a looser
/// policy, on their paths only (the dashboard is the platform operator's alone).
/// </summary>
internal static class SecurityHeaders
{
    private const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ThirdPartyPage =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseLeadPortalSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            headers.ContentSecurityPolicy = path.StartsWithSegments("/hangfire") || path.StartsWithSegments("/api-reference") ? ThirdPartyPage : Strict;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
