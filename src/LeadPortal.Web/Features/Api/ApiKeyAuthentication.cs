using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using LeadPortal.Infrastructure.Api;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadPortal.Web.Features.Api;

/// <summary>
/// Authenticates API calls by the key in <c>Authorization: Bearer lp_…</c> (or <c>X-Api-Key</c>). A missing, unknown or
/// revoked key is a 401 problem; the key's organization becomes the caller's.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LeadPortalDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "leadportal:api_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented();
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var prefix = ApiKey.PrefixOf(presented);
        var key = prefix is null ? null : // No one is signed in yet: the key itself says whose it is.
            await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix);
        if (key is null || !key.Matches(presented))
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        if (!key.IsActive)
        {
            return AuthenticateResult.Fail("The API key was revoked.");
        }

        // When the key was last used, for the settings page; written at most once a minute per key.
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAtUtc is null || now - key.LastUsedAtUtc > TimeSpan.FromMinutes(1))
        {
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtUtc, now));
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "apikey:" + key.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(PortalClaims.OrganizationId, key.OrganizationId.ToString(CultureInfo.InvariantCulture)),
            new Claim(PortalClaims.DisplayName, $"API key \"{key.Name}\""),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"LeadPortal\"";
        await Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "An API key is required.",
            Detail = failure ?? "Send the key in the Authorization header: Bearer lp_….",
            Type = "https://httpstatuses.io/401",
        }, options: null, contentType: "application/problem+json");
    }

    private string? Presented()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = Request.Headers["X-Api-Key"].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}
