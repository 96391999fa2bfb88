using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Infrastructure.Notifications;

/// <summary>
/// Who at an organization hears about new leads and expiry reminders: the alert contact of each location of its
/// business profile; without a profile location, its users.
/// </summary>
internal static class AlertRecipients
{
    public static async Task<IReadOnlyList<(string Email, string Name)>> ForOrganizationAsync(LeadPortalDbContext db, int organizationId, CancellationToken cancellationToken)
    {
        // The recipients of the lead's organization, whoever's request (a customer's inquiry, another partner's referral) made it.
        var profile = await db.BusinessProfiles.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId, cancellationToken);
        if (profile is { Locations.Count: > 0 })
        {
            return profile.AlertContacts();
        }

        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && u.Email != null)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. users.Select(u => (u.Email!, string.IsNullOrEmpty(u.DisplayName) ? u.Email! : u.DisplayName))];
    }
}
