using Microsoft.AspNetCore.Identity;

namespace LeadPortal.Infrastructure.Identity;

public sealed class ApplicationUser : IdentityUser
{
    public int OrganizationId { get; set; }
    public string DisplayName { get; set; } = string.Empty;
}
