using LeadPortal.Core.Organizations;
using LeadPortal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadPortal.Infrastructure.Identity;

/// <summary>Creates organizations, their users and the platform operators; used by the demo data and by the <c>create-admin</c> and <c>create-operator</c> commands.</summary>
public sealed class OrganizationSetup(LeadPortalDbContext db, UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All.Append(Roles.PlatformOperator))
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task<Organization> EnsureOrganizationAsync(string name)
    {
        var slug = Organization.SlugFrom(name);
        var existing = await db.Organizations.SingleOrDefaultAsync(o => o.Slug == slug);
        if (existing is not null)
        {
            return existing;
        }

        var organization = new Organization(name, slug);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization;
    }

    /// <summary>Creates the user in the organization with the role; returns Identity's errors when the email or password is refused.</summary>
    public async Task<IdentityResult> CreateUserAsync(Organization organization, string email, string displayName, string password, string role)
    {
        ArgumentNullException.ThrowIfNull(organization);
        if (!Roles.All.Contains(role))
        {
            return IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = $"Role '{role}' does not exist." });
        }

        await EnsureRolesAsync();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            OrganizationId = organization.Id,
        };
        var created = await users.CreateAsync(user, password);
        return created.Succeeded ? await users.AddToRoleAsync(user, role) : created;
    }

    /// <summary>Creates a platform operator: a user of no organization, in the operator role.</summary>
    public async Task<IdentityResult> CreateOperatorAsync(string email, string displayName, string password)
    {
        await EnsureRolesAsync();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var created = await users.CreateAsync(user, password);
        return created.Succeeded ? await users.AddToRoleAsync(user, Roles.PlatformOperator) : created;
    }
}
