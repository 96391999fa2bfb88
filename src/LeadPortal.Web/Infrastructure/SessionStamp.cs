using System.Security.Claims;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// Checks on every signed-in request that the cookie's security stamp is still the user's: one read of one column by
/// the primary key. Sign-out, a password change, a deactivation and a role change renew the stamp, so every copy of an
/// older cookie stops working at its next request, on every instance. Identity's own validator still runs at its
/// interval after this, to refresh the cookie's claims.
/// </summary>
public static class SessionStamp
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is { } principal && !await IsCurrentAsync(context.HttpContext, principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
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
