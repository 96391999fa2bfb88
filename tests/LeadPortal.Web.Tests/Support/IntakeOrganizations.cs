using LeadPortal.Core.Profiles;
using LeadPortal.Infrastructure.Data;
using LeadPortal.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadPortal.Web.Tests.Support;

/// <summary>An organization made for one test, with no business profile, and its two users (password <see cref="DemoDataSeeder.Password"/>).</summary>
public sealed record TestOrganization(int Id, string Name, string Slug, string AdminEmail, string ReferralsEmail);

/// <summary>What a test compares to show that a refused profile change stored nothing.</summary>
public sealed record ProfileSnapshot(
    string CompanyName,
    string? Description,
    string? Website,
    string? LogoUrl,
    string Keywords,
    string Industries,
    string CompanySizes,
    string Countries,
    bool IsPublished,
    DateTime UpdatedAtUtc,
    string Locations);

public static class IntakeOrganizations
{
    private static int s_counter;

    /// <summary>Creates "<paramref name="baseName"/> n" with a PartnerAdmin and a ReferralsAdmin; the factory must be seeded (roles).</summary>
    public static async Task<TestOrganization> CreateOrganizationAsync(this PortalFactory factory, string baseName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var number = Interlocked.Increment(ref s_counter);
        var name = $"{baseName} {number}";
        using var scope = factory.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<OrganizationSetup>();
        var organization = await setup.EnsureOrganizationAsync(name);
        var admin = $"admin@{organization.Slug}.test";
        var referrals = $"referrals@{organization.Slug}.test";
        var created = await setup.CreateUserAsync(organization, admin, $"Ada {number}", DemoDataSeeder.Password, Roles.PartnerAdmin);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        created = await setup.CreateUserAsync(organization, referrals, $"Rex {number}", DemoDataSeeder.Password, Roles.ReferralsAdmin);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        return new TestOrganization(organization.Id, name, organization.Slug, admin, referrals);
    }

    public static Task<BusinessProfile?> ProfileOfAsync(this PortalFactory factory, int organizationId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithDbAsync(db => db.BusinessProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId));
    }

    public static async Task<ProfileSnapshot?> ProfileSnapshotAsync(this PortalFactory factory, int organizationId)
    {
        var profile = await factory.ProfileOfAsync(organizationId);
        return profile is null
            ? null
            : new ProfileSnapshot(
                profile.CompanyName, profile.Description, profile.Website, profile.LogoUrl, profile.Keywords, profile.Industries,
                profile.CompanySizes, profile.Countries, profile.IsPublished, profile.UpdatedAtUtc,
                string.Join(" / ", profile.Locations.Select(l => $"{l.Name}; {l.Address}; {l.City}; {l.Country}; {l.AlertName}; {l.AlertEmail}; {l.AlertPhone}")));
    }
}
