using System.Globalization;
using System.Security.Claims;
using LeadPortal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadPortal.Infrastructure.Identity;

/// <summary>Puts the user's organization into the sign-in cookie, so every request knows its scope without a lookup.</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    LeadPortalDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        // A platform operator has no organization, so no scope: every organization's query finds nothing for them.
        if (user.OrganizationId is { } organizationId)
        {
            var orgName = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync();
            identity.AddClaim(new Claim(PortalClaims.OrganizationId, organizationId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(PortalClaims.OrganizationName, orgName));
        }

        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? user.UserName ?? "" : user.DisplayName));
        return identity;
    }
}
