using LeadPortal.Core.Leads;
using LeadPortal.Core.Organizations;
using LeadPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LeadPortal.Infrastructure.Data;

/// <summary>
/// The portal's one unit of work, with the Identity tables. Each database provider has a subclass
/// (<see cref="SqliteLeadPortalDbContext"/>, <see cref="SqlServerLeadPortalDbContext"/>) that owns its migrations.
/// </summary>
public abstract class LeadPortalDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser, IdentityRole, string>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<FavoriteLead> FavoriteLeads => Set<FavoriteLead>();

    /// <summary>The only way to read leads for a signed-in user: another organization's leads do not exist here.</summary>
    public IQueryable<Lead> LeadsOf(int organizationId) => Leads.Where(l => l.OrganizationId == organizationId);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LeadPortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    /// <summary>SQLite hands times back without a kind; every time in the portal is UTC.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v.Value : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}

public sealed class SqliteLeadPortalDbContext(DbContextOptions<SqliteLeadPortalDbContext> options) : LeadPortalDbContext(options);

public sealed class SqlServerLeadPortalDbContext(DbContextOptions<SqlServerLeadPortalDbContext> options) : LeadPortalDbContext(options);
