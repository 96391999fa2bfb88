using LeadPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Infrastructure.Notifications;

/// <summary>Who at an organization hears about new leads and expiry reminders: its users, until it names alert contacts.</summary>
internal static class AlertRecipients
{
    public static async Task<IReadOnlyList<(string Email, string Name)>> ForOrganizationAsync(LeadPortalDbContext db, int organizationId, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && u.Email != null)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. users.Select(u => (u.Email!, string.IsNullOrEmpty(u.DisplayName) ? u.Email! : u.DisplayName))];
    }
}
