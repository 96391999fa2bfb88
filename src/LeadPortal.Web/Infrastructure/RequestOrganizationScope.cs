using System.Globalization;
using System.Security.Claims;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;

namespace LeadPortal.Web.Infrastructure;

/// <summary>
/// The organization of the signed-in user (the cookie's claim, or the API key's), read on each query; in a request
/// without one, <see cref="IOrganizationScope.Nobody"/>; outside a request, no scope (see <see cref="IOrganizationScope"/>).
/// </summary>
internal sealed class RequestOrganizationScope(IHttpContextAccessor http) : IOrganizationScope
{
    public int? OrganizationId => http.HttpContext is { } context
        ? int.TryParse(context.User.FindFirstValue(PortalClaims.OrganizationId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : IOrganizationScope.Nobody
        : null;
}
