using System.Globalization;
using System.Security.Claims;
using LeadPortal.Infrastructure.Identity;

namespace LeadPortal.Web.Infrastructure;

public static class UserContext
{
    /// <summary>The signed-in user's organization; every lead query is scoped by it.</summary>
    public static int OrganizationId(this ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(PortalClaims.OrganizationId)
            ?? throw new InvalidOperationException("The user has no organization claim."), CultureInfo.InvariantCulture);

    public static string OrganizationName(this ClaimsPrincipal user) => user.FindFirstValue(PortalClaims.OrganizationName) ?? string.Empty;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PortalClaims.DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user has no id claim.");
}
