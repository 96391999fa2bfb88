using Microsoft.AspNetCore.Identity;

namespace LeadPortal.Infrastructure.Identity;

public sealed class ApplicationUser : IdentityUser
{
    /// <summary>The user's organization; none for a platform operator, who stands apart from every organization.</summary>
    public int? OrganizationId { get; set; }
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>When a PartnerAdmin deactivated the user: they cannot sign in and their sessions have ended.</summary>
    public DateTime? DeactivatedAtUtc { get; set; }
}
