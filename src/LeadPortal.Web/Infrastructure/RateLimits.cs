using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// The public inquiry form accepts a few posts per client address per window (section "RateLimits"); past that it
/// answers 429 with Retry-After and a page that says why.
/// </summary>
internal static class RateLimits
{
    public const string InquiryPolicy = "inquiry";
    public const string ApiPolicy = "api";

    /// <summary>
    /// Reports (insights) run at most half the cores' worth at once, the rest waiting in line, so that a crowd on a
    /// year of insights never takes the cores that the lists and lead pages need.
    /// </summary>
    public const string ReportsPolicy = "reports";

    public static IServiceCollection AddLeadPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permit = configuration.GetValue("RateLimits:InquiryPermitLimit", 5);
        var window = configuration.GetValue("RateLimits:InquiryWindow", TimeSpan.FromMinutes(10));
        var apiPermit = configuration.GetValue("RateLimits:ApiPermitLimit", 120);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(InquiryPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permit, Window = window, QueueLimit = 0 }));
            // Partitioned by the key that authenticated the call (authorization has run), however its header was
            // written; a call without a valid key counts against its client address.
            options.AddPolicy(ApiPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(Features.Api.ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is { } keyId
                    ? "key:" + keyId
                    : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = apiPermit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(ReportsPolicy, _ => RateLimitPartition.GetConcurrencyLimiter(
                ReportsPolicy,
                _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = Math.Max(1, Environment.ProcessorCount / 2),
                    QueueLimit = 200,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == ReportsPolicy)
                {
                    response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    response.Headers.RetryAfter = "5";
                    return;
                }

                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var api = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == ApiPolicy;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : api ? TimeSpan.FromMinutes(1) : window;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (api)
                {
                    await Features.Api.ApiProblem.WriteAsync(context.HttpContext, new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests with this key.",
                        Detail = $"Each key may make {apiPermit} calls a minute. Retry after {response.Headers.RetryAfter} seconds.",
                        Type = "https://httpstatuses.io/429",
                    });
                    return;
                }

                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(
                    $"Too many messages from your address. Please wait {Math.Ceiling(retryAfter.TotalMinutes)} minutes and try again.", cancellationToken);
            };
        });
        return services;
    }
}
