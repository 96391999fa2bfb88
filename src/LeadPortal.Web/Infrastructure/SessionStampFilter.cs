using System.Security.Claims;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// Checks, before every action of a signed-in user, that the cookie's security stamp is still the user's: one read of
/// one column by the primary key, on the connection the action opens anyway (it runs after
/// <see cref="OneConnectionPerRequestFilter"/>). Sign-out, a password change, a deactivation and a role change renew the
/// stamp, so every copy of an older cookie stops working at its next request, on every instance. A stale session is
/// signed out: an action that needs a user sends it to sign in, an anonymous one goes on without one. Identity's own
/// validator still runs at its interval on every endpoint (the job dashboard too), and refreshes the cookie's claims.
/// </summary>
internal sealed class SessionStampFilter : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme
            && !await IsCurrentAsync(http, http.User))
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                context.Result = new ChallengeResult(IdentityConstants.ApplicationScheme);
                return;
            }
        }

        await next();
    }

    private static async Task<bool> IsCurrentAsync(HttpContext http, ClaimsPrincipal principal)
    {
        var claimType = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(claimType);
        if (userId is null || stamp is null)
        {
            return false;
        }

        var db = http.RequestServices.GetRequiredService<LeadPortalDbContext>();
        var current = await db.Set<ApplicationUser>().AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(http.RequestAborted);
        return current == stamp;
    }
}
